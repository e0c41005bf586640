/**
 * The vpa policy: containers sized by the recommender per function, an
 * out-of-memory kill bumping the next size, best-fit placement, a VM added
 * when none has room, idle VMs released down to the minimum.
 */
import { describe, expect, test } from "vitest";
import { DEFAULT_CATALOG } from "../../sim/model/catalog/default-catalog.js";
import { typeViewOf } from "../../sim/model/type-view.js";
import { fleetFromData } from "../../sim/policies/fleet-data.js";
import type { CompletionFeedback, InstanceView, PolicyContext } from "../../sim/policies/types.js";
import { vpaPolicy, type VpaConfig } from "../../sim/policies/vpa.js";

const TYPE = "m5.2xlarge"; // 8 vCPU, 32 GiB
const view = typeViewOf(DEFAULT_CATALOG.get(TYPE)!);
const config: VpaConfig = vpaPolicy.configSchema.parse({ type: TYPE, minInstances: 1 });
const ctx: PolicyContext = { nowS: 0, random: () => 0.5, log: () => {} };

function instance(
  id: number,
  state: InstanceView["state"],
  freeVcpu: number,
  freeMemMiB: number,
): InstanceView {
  return {
    id,
    pool: "default",
    typeName: TYPE,
    state,
    runningRequestIds: [],
    slots: 32,
    busySlots: 0,
    freeSlots: state === "booting" ? 0 : 32,
    requestedAtS: 0,
    readyAtS: state === "booting" ? null : 0,
    idleSinceS: null,
    free: { vcpu: freeVcpu, memMiB: freeMemMiB, gpus: 0, networkMbps: view.networkMbps },
    allocations: [],
  };
}

function fleet(nowS: number, instances: InstanceView[], queueLength = 0) {
  const count = (s: string) => instances.filter((i) => i.state === s).length;
  return fleetFromData({
    nowS,
    types: [view],
    pools: [
      {
        id: "default",
        functionId: -1,
        routing: "least-loaded",
        concurrency: 32,
        queueLength,
        booting: count("booting"),
        ready: count("idle") + count("busy"),
        draining: 0,
        idle: count("idle"),
        busySlots: 0,
        freeSlots: 32,
        bootingSlots: 0,
        busySlotSeconds: 0,
        readySlotSeconds: 0,
        instances,
      },
    ],
  });
}

const request = (id: number, functionId: number) => ({
  id,
  functionId,
  arrivalS: 0,
  features: null,
});

function feedback(
  functionId: number,
  cores: number,
  peakMemMiB: number,
  failed = false,
): CompletionFeedback {
  return {
    request: request(0, functionId),
    outcome: failed ? "failed" : "completed",
    latencyS: 1,
    serviceS: 1,
    instanceId: 1,
    instanceType: TYPE,
    cpuSeconds: cores,
    peakMemMiB,
  } as CompletionFeedback;
}

describe("vpa", () => {
  const roomy = [instance(1, "busy", 2, 4000), instance(2, "busy", 8, 32000)];

  test("a function with no history gets the initial requests, placed best fit", () => {
    const d = vpaPolicy.onArrival!({ histories: {} }, config, request(1, 5), fleet(0, roomy), ctx);
    expect(d.actions).toEqual([
      { kind: "place", instanceId: 1, allocation: { vcpu: 0.5, memMiB: 512 } },
    ]);
  });

  test("containers follow the p90 of what the function used, plus 15%", () => {
    let state = vpaPolicy.init(config, fleet(0, roomy), ctx).state;
    for (let i = 0; i < 200; i++)
      state = vpaPolicy.onCompletion!(
        state,
        config,
        feedback(5, 0.2 + (i % 10) / 20, 800 + (i % 10) * 100),
        fleet(i, roomy),
        ctx,
      ).state;
    const d = vpaPolicy.onArrival!(state, config, request(1, 5), fleet(300, roomy), ctx);
    const a = (d.actions[0] as { allocation: { vcpu: number; memMiB: number } }).allocation;
    // p90 of 0.2..0.65 cores is 0.65, of 800..1700 MiB is 1700 (bucket ends, within 7%).
    expect(a.vcpu).toBeGreaterThanOrEqual(0.65 * 1.15);
    expect(a.vcpu).toBeLessThanOrEqual(0.65 * 1.15 * 1.07);
    expect(a.memMiB).toBeGreaterThanOrEqual(1700 * 1.15);
    expect(a.memMiB).toBeLessThanOrEqual(1700 * 1.15 * 1.07);
    // Another function still gets the initial size.
    const other = vpaPolicy.onArrival!(state, config, request(2, 6), fleet(300, roomy), ctx);
    expect((other.actions[0] as { allocation: { memMiB: number } }).allocation.memMiB).toBe(512);
  });

  test("an out-of-memory kill makes the next container larger", () => {
    const s0 = vpaPolicy.init(config, fleet(0, roomy), ctx).state;
    const s1 = vpaPolicy.onCompletion!(
      s0,
      config,
      feedback(5, 0.5, 512, true),
      fleet(1, roomy),
      ctx,
    ).state;
    const d = vpaPolicy.onArrival!(s1, config, request(1, 5), fleet(2, roomy), ctx);
    const a = (d.actions[0] as { allocation: { memMiB: number } }).allocation;
    expect(a.memMiB).toBeGreaterThanOrEqual(Math.max(512 * 1.2, 612) * 1.15);
  });

  test("a kill before any CPU history keeps the initial CPU, not the 25 m floor", () => {
    const s0 = vpaPolicy.init(config, fleet(0, roomy), ctx).state;
    // Killed at once: no CPU used, only a memory peak to learn from.
    const killed = { ...feedback(5, 0, 600, true), serviceS: 0 } as CompletionFeedback;
    const s1 = vpaPolicy.onCompletion!(s0, config, killed, fleet(1, roomy), ctx).state;
    const d = vpaPolicy.onArrival!(s1, config, request(1, 5), fleet(2, roomy), ctx);
    const a = (d.actions[0] as { allocation: { vcpu: number; memMiB: number } }).allocation;
    expect(a.vcpu).toBe(config.initialCpu);
    expect(a.memMiB).toBeGreaterThanOrEqual(700 * 1.15);
  });

  test("maxCpu and maxMemory cap the recommendation, as the resource policy's maxAllowed", () => {
    const capped = vpaPolicy.configSchema.parse({ type: TYPE, maxCpu: 2, maxMemory: "1GiB" });
    let state = vpaPolicy.init(capped, fleet(0, roomy), ctx).state;
    for (let i = 0; i < 50; i++)
      state = vpaPolicy.onCompletion!(
        state,
        capped,
        feedback(5, 6, 3000),
        fleet(i, roomy),
        ctx,
      ).state;
    const d = vpaPolicy.onArrival!(state, capped, request(1, 5), fleet(60, roomy), ctx);
    const a = (d.actions[0] as { allocation: { vcpu: number; memMiB: number } }).allocation;
    expect(a).toEqual({ vcpu: 2, memMiB: 1024 });
  });

  test("with no room anywhere it adds a VM and waits in the line", () => {
    const full = [instance(1, "busy", 0.1, 100)];
    const d = vpaPolicy.onArrival!({ histories: {} }, config, request(1, 5), fleet(0, full), ctx);
    expect(d.actions).toEqual([
      { kind: "provision", pool: "default", type: TYPE, count: 1 },
      { kind: "place", instanceId: 1, allocation: { vcpu: 0.5, memMiB: 512 } },
    ]);
    // A VM already booting takes the next 16 such requests (8 vCPU / 0.5): no more is added.
    const coming = [...full, instance(2, "booting", 8, 32768)];
    const next = vpaPolicy.onArrival!(
      { histories: {} },
      config,
      request(2, 5),
      fleet(1, coming, 3),
      ctx,
    );
    expect(next.actions.map((a) => a.kind)).toEqual(["place"]);
  });

  test("an idle VM is released after scaleDownAfter, down to minInstances", () => {
    const two = [instance(1, "idle", 8, 32768), instance(2, "idle", 8, 32768)];
    const d = vpaPolicy.onIdle!({ histories: {} }, config, two[1]!, fleet(0, two), ctx);
    expect(d.actions).toEqual([{ kind: "release", instanceId: 2, afterIdleS: 600 }]);
    const one = [instance(1, "idle", 8, 32768)];
    expect(
      vpaPolicy.onIdle!({ histories: {} }, config, one[0]!, fleet(0, one), ctx).actions,
    ).toEqual([]);
  });
});
