/**
 * What a cost-aware policy reads of each type: the billing rule and the boot
 * latency's median and 95th percentile, the same object for every call.
 */
import { z } from "zod";
import { describe, expect, test } from "vitest";
import { Scheduler } from "../../sim/engine/scheduler.js";
import type { InstanceType } from "../../sim/model/catalog/types.js";
import { DEFAULT_CATALOG } from "../../sim/model/catalog/default-catalog.js";
import { Cluster } from "../../sim/model/cluster.js";
import type { RequestSource } from "../../sim/model/request.js";
import type { FleetView, Policy, TypeView } from "../../sim/policies/types.js";
import { RandomStreams } from "../../sim/random/streams.js";

/** Runs a policy that only records the types it is shown, at init and at each arrival. */
function typesSeen(catalog: ReadonlyMap<string, InstanceType>): ReadonlyMap<string, TypeView>[] {
  const seen: ReadonlyMap<string, TypeView>[] = [];
  const record = (fleet: FleetView) =>
    seen.push(new Map(fleet.typeNames().map((name) => [name, fleet.type(name)!])));
  const policy: Policy<Record<string, never>, null> = {
    name: "observer",
    description: "records the fleet's types",
    configSchema: z.object({}).strict(),
    typesUsed: () => [],
    init: (_c, fleet) => (record(fleet), { state: null, actions: [] }),
    onArrival: (state, _c, _r, fleet) => (record(fleet), { state, actions: [] }),
  };
  const scheduler = new Scheduler();
  const cluster = new Cluster(scheduler, {
    policyName: "observer",
    policy: policy as Policy,
    policyConfig: {},
    catalog,
    streams: new RandomStreams(1),
    horizonS: 10,
    slaLatencyS: 10,
    queueCapacity: 10,
    queueTimeoutS: 1,
    sampleIntervalS: 10,
    retryOutOfMemory: false,
    migrationFixedS: 1,
    migrationMiBPerS: 256,
  });
  const arrivals = [1, 2];
  let next = 0;
  const source: RequestSource = {
    next: () => {
      const arrivalS = arrivals[next];
      if (arrivalS === undefined) return null;
      const id = next++;
      return {
        id,
        arrivalS,
        functionId: 0,
        features: null,
        demand: { cpuSeconds: 1, parallelFraction: 0, memMiB: 128, gpuSpeedup: 1 },
      };
    },
  };
  cluster.start(source);
  scheduler.run(10);
  cluster.finish();
  return seen;
}

describe("TypeView", () => {
  const seen = typesSeen(DEFAULT_CATALOG);
  const types = seen[0]!;

  test("an EC2 type: per-second billing with its minimum, boot median 30 s and p95 40 s", () => {
    expect(types.get("m5.large")).toEqual({
      name: "m5.large",
      kind: "vm",
      vcpu: 2,
      memMiB: 8192,
      gpus: 0,
      networkMbps: 750,
      usdPerHour: 0.096,
      billing: { kind: "per-second", minimumS: 60 },
      bootMedianS: 30,
      bootP95S: 40,
    });
  });

  test("GPU types: minutes to boot", () => {
    const g4 = types.get("g4dn.xlarge")!;
    expect([g4.gpus, g4.bootMedianS, g4.bootP95S, g4.usdPerHour]).toEqual([1, 480, 840, 0.526]);
    const p4 = types.get("p4d.24xlarge")!;
    expect([p4.gpus, p4.bootMedianS, p4.bootP95S]).toEqual([8, 600, 900]);
  });

  test("Lambda: price per GB-second and per million requests, cold start in under a second", () => {
    const lambda = types.get("lambda-1769")!;
    expect(lambda.kind).toBe("faas");
    expect(lambda.usdPerHour).toBe(0);
    expect(lambda.bootMedianS).toBe(0.25);
    expect(lambda.bootP95S).toBe(0.9);
    const billing = lambda.billing;
    if (billing.kind !== "per-request") throw new Error(`billed ${billing.kind}`);
    expect(billing.incrementS).toBe(0.001);
    expect(billing.usdPerGbSecond).toBe(0.0000166667);
    expect(billing.usdPerRequest * 1e6).toBeCloseTo(0.2, 12);
  });

  test("every catalog entry is shown", () => {
    expect([...types.keys()].sort()).toEqual([...DEFAULT_CATALOG.keys()].sort());
  });

  test("is built once: every hook sees the same objects", () => {
    expect(seen).toHaveLength(3);
    for (const later of seen) {
      for (const [name, view] of types) expect(later.get(name)).toBe(view);
    }
  });

  test("a scenario's own type: hourly billing, gamma boot quantiles by numeric inversion", () => {
    const base = DEFAULT_CATALOG.get("m5.large")!;
    const catalog = new Map(DEFAULT_CATALOG);
    catalog.set("slow.hourly", {
      ...base,
      name: "slow.hourly",
      billing: { kind: "hourly" },
      boot: { kind: "gamma", shape: 2, mean: 120 },
    });
    const view = typesSeen(catalog)[0]!.get("slow.hourly")!;
    expect(view.billing).toEqual({ kind: "hourly" });
    // gamma(k = 2, theta = 60): 60 times the standard quantiles 1.678347 and 4.743865.
    expect(view.bootMedianS).toBeCloseTo(60 * 1.678346990016661, 6);
    expect(view.bootP95S).toBeCloseTo(60 * 4.743864518390863, 6);
  });
});
