/**
 * Service classes: the queue serves higher priorities first and FIFO within
 * one, a policy sees each request's class, the summary reports per class
 * only when classes are given, and the synthesizer draws a class per function.
 */
import { z } from "zod";
import { describe, expect, test } from "vitest";
import { Scheduler } from "../../sim/engine/scheduler.js";
import { DEFAULT_CATALOG } from "../../sim/model/catalog/default-catalog.js";
import { Cluster } from "../../sim/model/cluster.js";
import type { RequestSource, ServiceClass, WorkRequest } from "../../sim/model/request.js";
import type { RequestRecord, RunSummary } from "../../sim/model/summary.js";
import type { Policy, RequestView } from "../../sim/policies/types.js";
import { RandomStreams } from "../../sim/random/streams.js";
import { synthWorkload, type SynthWorkload } from "../../traces/synth/workload.js";

const GOLD: ServiceClass = { name: "gold", priority: 5, slaLatencyS: 25 };
const BULK: ServiceClass = { name: "bulk", priority: -1 };
const STD: ServiceClass = { name: "std", priority: 0 };

/** One instance serving one request at a time: the order of starts is the queue's. */
function runOne(classes: (ServiceClass | undefined)[]): {
  summary: RunSummary;
  records: RequestRecord[];
  views: RequestView[];
} {
  const views: RequestView[] = [];
  const policy: Policy<Record<string, never>, null> = {
    name: "one",
    description: "one prewarmed instance, one request at a time",
    configSchema: z.object({}).strict(),
    typesUsed: () => ["m5.large"],
    init: () => ({
      state: null,
      actions: [
        { kind: "pool", pool: "default", concurrency: 1 },
        { kind: "provision", pool: "default", type: "m5.large", count: 1, prewarmed: true },
      ],
    }),
    onArrival: (state, _c, r) => (views.push(r), { state, actions: [] }),
  };
  const requests: WorkRequest[] = classes.map((c, id) => ({
    id,
    arrivalS: id,
    functionId: 0,
    features: null,
    demand: { cpuSeconds: 10, parallelFraction: 0, memMiB: 128, gpuSpeedup: 1 },
    ...(c ? { serviceClass: c } : {}),
  }));
  let next = 0;
  const source: RequestSource = { next: () => requests[next++] ?? null };
  const records: RequestRecord[] = [];
  const scheduler = new Scheduler();
  const cluster = new Cluster(scheduler, {
    policyName: "one",
    policy: policy as Policy,
    policyConfig: {},
    catalog: DEFAULT_CATALOG,
    streams: new RandomStreams(1),
    horizonS: 1000,
    slaLatencyS: 15,
    queueCapacity: 100,
    queueTimeoutS: Infinity,
    sampleIntervalS: 10,
    retryOutOfMemory: false,
    migrationFixedS: 1,
    migrationMiBPerS: 256,
    onRequestEnd: (r) => records.push(r),
  });
  cluster.start(source);
  scheduler.run(1000);
  return { summary: cluster.finish(), records, views };
}

describe("service classes in the model", () => {
  test("the queue serves higher priorities first, FIFO within one", () => {
    const { records } = runOne([STD, STD, GOLD, STD, GOLD, BULK, undefined]);
    const order = [...records].sort((a, b) => a.startS - b.startS).map((r) => r.id);
    // 0 runs at once; then gold 2 and 4, priority 0 (std and none) 1, 3, 6, bulk 5.
    expect(order).toEqual([0, 2, 4, 1, 3, 6, 5]);
  });

  test("a policy sees the priority, the class and its own latency objective", () => {
    const { views } = runOne([GOLD, BULK, undefined]);
    expect(views.map((v) => [v.priority, v.slaClass, v.slaLatencyS])).toEqual([
      [5, "gold", 25],
      [-1, "bulk", undefined],
      [undefined, undefined, undefined],
    ]);
    expect("priority" in views[2]!).toBe(false);
  });

  test("the summary reports per class, against each class's objective", () => {
    // Each takes 10 s. Gold 0 ends at 10 (latency 10); gold 2 at 20 (18);
    // std 1 at 30 (29 > 15); bulk 3 at 40 (37 > 15).
    const { summary } = runOne([GOLD, STD, GOLD, BULK]);
    expect(summary.byClass).toEqual({
      bulk: {
        requests: 1,
        completed: 1,
        failed: 0,
        rejected: 0,
        latencyMeanS: 37,
        slaAttainment: 0,
      },
      gold: {
        requests: 2,
        completed: 2,
        failed: 0,
        rejected: 0,
        latencyMeanS: 14,
        slaAttainment: 1,
      },
      std: {
        requests: 1,
        completed: 1,
        failed: 0,
        rejected: 0,
        latencyMeanS: 29,
        slaAttainment: 0,
      },
    });
    // Gold 2's 18 s meets its own 25 s, not the scenario's 15 s.
    expect(summary.slaAttainment).toBe(0.5);
  });

  test("without classes the summary has no per-class part", () => {
    const { summary } = runOne([undefined, undefined]);
    expect("byClass" in summary).toBe(false);
  });
});

const SPEC: SynthWorkload = {
  ratePerS: 50,
  pattern: { kind: "poisson" },
  notifications: null,
  functions: 400,
  zipfExponent: 0,
  cpuSeconds: { kind: "exponential", mean: 0.2 },
  cpuVariation: 0.25,
  parallelFraction: 0.5,
  memMiB: { kind: "constant", value: 256 },
  gpuShare: 0,
  gpuSpeedup: 1,
};

function draw(spec: SynthWorkload, n: number): WorkRequest[] {
  const source = synthWorkload(spec, new RandomStreams(11));
  return Array.from({ length: n }, () => source.next()!);
}

describe("service classes in the synthesizer", () => {
  const classes = [
    { name: "gold", share: 1, priority: 2, slaLatencyS: 1 },
    { name: "bulk", share: 3, priority: 0 },
  ];
  const plain = draw(SPEC, 4000);
  const classed = draw({ ...SPEC, classes }, 4000);

  test("each function is in one class, by share", () => {
    const byFunction = new Map<number, string>();
    for (const r of classed) {
      const name = r.serviceClass!.name;
      expect(byFunction.get(r.functionId) ?? name).toBe(name);
      byFunction.set(r.functionId, name);
    }
    const gold = [...byFunction.values()].filter((n) => n === "gold").length / byFunction.size;
    expect(gold).toBeGreaterThan(0.18);
    expect(gold).toBeLessThan(0.32);
    const g = classed.find((r) => r.serviceClass?.name === "gold")!;
    expect(g.serviceClass).toEqual({ name: "gold", priority: 2, slaLatencyS: 1 });
  });

  test("classes shift no other draw; without them requests carry none", () => {
    expect(plain.some((r) => "serviceClass" in r)).toBe(false);
    expect(classed.map(({ serviceClass: _c, ...r }) => r)).toEqual(plain);
  });
});
