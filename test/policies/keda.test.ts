/**
 * The KEDA-style policy, hook by hook on plain fleets (the scaler's poll,
 * the HPA's sync), and in a run: scale to zero after the cooldown, and back.
 */
import { describe, expect, test } from "vitest";
import { DEFAULT_CATALOG } from "../../sim/model/catalog/default-catalog.js";
import { typeViewOf } from "../../sim/model/type-view.js";
import { fleetFromData, type PoolData } from "../../sim/policies/fleet-data.js";
import { kedaPolicy, type KedaConfig } from "../../sim/policies/keda.js";
import type { InstanceView, PolicyContext } from "../../sim/policies/types.js";
import { runScenario } from "../../sim/run/pipeline.js";
import { scenario } from "../support/scenario.js";

const config: KedaConfig = kedaPolicy.configSchema.parse({ type: "c5.large", targetValue: 4 });
const ctx = (nowS: number): PolicyContext => ({ nowS, random: () => 0.5, log: () => {} });

function ready(id: number, busy: number): InstanceView {
  return {
    id,
    pool: "default",
    typeName: "c5.large",
    state: busy > 0 ? "busy" : "idle",
    runningRequestIds: [],
    slots: 1,
    busySlots: busy,
    freeSlots: 1 - busy,
    requestedAtS: 0,
    readyAtS: 1,
    idleSinceS: busy > 0 ? null : 1,
    // A c5.large: 2 vCPU, 4 GiB, 750 Mbps.
    free:
      busy > 0
        ? { vcpu: 0, memMiB: 0, gpus: 0, networkMbps: 0 }
        : { vcpu: 2, memMiB: 4096, gpus: 0, networkMbps: 750 },
    allocations: [],
  };
}

/** A pool of `busy` busy and `idle` idle one-slot instances, `waiting` requests in its line. */
function fleet(nowS: number, busy: number, idle: number, waiting: number) {
  const instances = [
    ...Array.from({ length: busy }, (_, i) => ready(i + 1, 1)),
    ...Array.from({ length: idle }, (_, i) => ready(busy + i + 1, 0)),
  ];
  const pool: PoolData = {
    id: "default",
    functionId: -1,
    routing: "least-loaded",
    concurrency: 1,
    queueLength: waiting,
    booting: 0,
    ready: busy + idle,
    draining: 0,
    idle,
    busySlots: busy,
    freeSlots: idle,
    bootingSlots: 0,
    busySlotSeconds: 0,
    readySlotSeconds: 0,
    instances,
  };
  return fleetFromData({
    nowS,
    pools: [pool],
    types: [typeViewOf(DEFAULT_CATALOG.get("c5.large")!)],
  });
}

describe("the scaler's poll", () => {
  const start = kedaPolicy.init(config, fleet(0, 0, 0, 0), ctx(0));

  test("starts at zero replicas and polls every 30 s", () => {
    expect(start.actions).toContainEqual({ kind: "timer", key: "poll", atS: 30 });
    expect(start.actions.some((a) => a.kind === "provision")).toBe(false);
  });

  test("wakes one replica when requests wait at zero", () => {
    const d = kedaPolicy.onTimer!(start.state, config, "poll", fleet(30, 0, 0, 3), ctx(30));
    expect(d.actions).toEqual([
      { kind: "provision", pool: "default", type: "c5.large", count: 1 },
      { kind: "timer", key: "poll", atS: 60 },
    ]);
    expect(d.state.lastActiveS).toBe(30);
  });

  test("goes to zero only after the cooldown without a backlog", () => {
    const active = kedaPolicy.onTimer!(start.state, config, "poll", fleet(30, 1, 0, 0), ctx(30));
    const quiet = (t: number) =>
      kedaPolicy.onTimer!(active.state, config, "poll", fleet(t, 0, 2, 0), ctx(t)).actions;
    expect(quiet(300).filter((a) => a.kind === "release")).toEqual([]);
    expect(quiet(330).filter((a) => a.kind === "release")).toHaveLength(2);
  });
});

describe("the HPA's sync on the backlog", () => {
  const state = { recommendations: [], lastActiveS: 0 };

  test("desired = ceil(backlog / target): 2 busy and 30 waiting on 2 replicas is 8", () => {
    const d = kedaPolicy.onTick!(state, config, fleet(15, 2, 0, 30), ctx(15));
    expect(d.actions).toEqual([{ kind: "provision", pool: "default", type: "c5.large", count: 6 }]);
  });

  test("within the tolerance nothing changes, and at zero the sync leaves scaling to the scaler", () => {
    expect(kedaPolicy.onTick!(state, config, fleet(15, 2, 0, 6), ctx(15)).actions).toEqual([]);
    expect(kedaPolicy.onTick!(state, config, fleet(15, 0, 0, 50), ctx(15)).actions).toEqual([]);
  });

  test("scale-down takes the highest recommendation of the stabilization window", () => {
    const up = kedaPolicy.onTick!(state, config, fleet(15, 8, 0, 24), ctx(15));
    const later = kedaPolicy.onTick!(up.state, config, fleet(60, 1, 7, 0), ctx(60));
    expect(later.actions).toEqual([]);
    const after = kedaPolicy.onTick!(later.state, config, fleet(400, 1, 7, 0), ctx(400));
    expect(after.actions.filter((a) => a.kind === "release")).toHaveLength(7);
  });
});

test("in a run, the pool is at zero between bursts and serves each burst", async () => {
  const s = scenario({
    name: "keda",
    seed: 3,
    duration: "2h",
    sla: { latency: "2m" },
    workload: {
      synth: {
        rate: "0.001/s",
        pattern: { bursty: { burstRate: "5/s", meanOn: "3m", meanOff: "30m" } },
        functions: 5,
        cpu: { constant: "1s" },
        parallelFraction: 0,
      },
    },
    policies: [{ name: "keda", policy: "keda", config: { type: "c5.large", concurrency: 2 } }],
  });
  const { report, timeseries } = await runScenario(s);
  const p = report.policies[0]!;
  expect(p.completed).toBeGreaterThan(300);
  expect(p.failedTimeout + p.rejected).toBe(0);
  const alive = (r: (typeof timeseries)[number]) => r.booting + r.idle + r.busy + r.draining;
  const zero = timeseries.filter((r) => alive(r) === 0).length;
  expect(zero / timeseries.length).toBeGreaterThan(0.3);
  expect(Math.max(...timeseries.map(alive))).toBeGreaterThan(1);
});
