/**
 * The actions later policies build on (seeds 000, 002, 003, 004): warm
 * pools, in-place resize and migration of running requests, each with its
 * latency and its cost, driven here by small test policies.
 */
import { z } from "zod";
import { describe, expect, test } from "vitest";
import { Scheduler } from "../../sim/engine/scheduler.js";
import { DEFAULT_CATALOG } from "../../sim/model/catalog/default-catalog.js";
import { Cluster } from "../../sim/model/cluster.js";
import type { RequestRecord, TimeseriesRow } from "../../sim/model/summary.js";
import { keepAlive } from "../../sim/policies/pieces/keep-alive.js";
import { topUpWarmPool } from "../../sim/policies/pieces/warm-pool.js";
import type { Action, FleetView, Policy } from "../../sim/policies/types.js";
import { RandomStreams } from "../../sim/random/streams.js";
import { synthWorkload } from "../../traces/synth/workload.js";
import { synthSpec } from "../support/synth.js";

const workload = synthSpec({
  ratePerS: 2,
  cpuSeconds: { kind: "constant", value: 2 },
  parallelFraction: 1,
  memMiB: { kind: "constant", value: 256 },
});

function run(policy: Policy<unknown, Record<string, unknown>>, horizonS: number, w = workload) {
  const scheduler = new Scheduler();
  const streams = new RandomStreams(5);
  const records: RequestRecord[] = [];
  const rows: TimeseriesRow[] = [];
  const cluster = new Cluster(scheduler, {
    policyName: "test",
    policy: policy as Policy,
    policyConfig: {},
    catalog: DEFAULT_CATALOG,
    streams,
    horizonS,
    slaLatencyS: 10,
    queueCapacity: 100_000,
    queueTimeoutS: Infinity,
    sampleIntervalS: 10,
    retryOutOfMemory: true,
    migrationFixedS: 1,
    migrationMiBPerS: 256,
    onRequestEnd: (r) => records.push(r),
    onSample: (r) => rows.push(r),
  });
  cluster.start(synthWorkload(w, streams));
  scheduler.run(horizonS);
  return { summary: cluster.finish(), records, rows };
}

function testPolicy(
  parts: Partial<Policy<unknown, Record<string, unknown>>>,
): Policy<unknown, Record<string, unknown>> {
  return {
    name: "test",
    description: "test",
    configSchema: z.unknown(),
    typesUsed: () => [],
    init: () => ({ state: {}, actions: [] }),
    ...parts,
  };
}

describe("warm pools", () => {
  test("the warm-pool piece keeps its count of idle or booting instances as work takes them", () => {
    const type = "c5.2xlarge";
    const policy = testPolicy({
      init: () => ({
        state: {},
        actions: [
          { kind: "pool", pool: "warm" },
          { kind: "provision", pool: "warm", type, count: 3 },
        ],
      }),
      onArrival: (state, _c, _r, fleet) => ({
        state,
        actions: [
          ...topUpWarmPool(fleet.pool("warm")!, type, 3, 1),
          { kind: "route", pool: "warm" },
        ],
      }),
      // Beyond the warm three, an instance idle for 120 s is retired, unless
      // the others were taken meanwhile: decided when its timer falls due.
      onIdle: (state, _c, instance, fleet) => ({
        state,
        actions:
          fleet.pool("warm")!.idle > 3
            ? [{ kind: "timer", key: String(instance.id), atS: fleet.nowS + 120 }]
            : [],
      }),
      onTimer: (state, _c, key, fleet) => {
        const inst = fleet.instances("warm").find((i) => String(i.id) === key);
        const stillIdle = inst?.state === "idle" && inst.idleSinceS! + 120 <= fleet.nowS;
        const surplus = fleet.pool("warm")!.idle > 3;
        return { state, actions: stillIdle && surplus ? [keepAlive(inst, 0)] : [] };
      },
    });
    // 2 s requests at up to 4/s around 5 min, none at 20 min: the pool grows
    // well past its warm count, then has nothing to do.
    const { summary, rows } = run(policy, 1800, {
      ...workload,
      ratePerS: 2,
      cpuSeconds: { kind: "constant", value: 16 },
      pattern: {
        kind: "diurnal",
        amplitude: 1,
        periodS: 1800,
        peakS: 300,
        noise: 0,
        noiseStepS: 300,
      },
    });
    expect(summary.completed).toBeGreaterThan(500);
    // After the first boots, at least 3 stand ready or are coming.
    for (const r of rows.filter((r) => r.timeS >= 120))
      expect(r.idle + r.booting).toBeGreaterThanOrEqual(3);
    expect(summary.maxInstances).toBeGreaterThan(10);
    // Keep-alive still retires surplus idle instances, never below the warm
    // count: from 18 to 22 min the load is under 0.2/s, so the instances that
    // served the peak sit idle past their 120 s and the fleet falls to the 3
    // warm ones (and a few just used), no lower.
    const trough = rows
      .filter((r) => r.timeS >= 1100 && r.timeS <= 1300)
      .map((r) => r.booting + r.idle + r.busy + r.draining);
    expect(trough.length).toBe(21);
    expect(Math.min(...trough)).toBe(3);
    expect(Math.max(...trough)).toBeLessThanOrEqual(6);
  });
});

describe("in-place resize", () => {
  test("requests speed up after the resize, and each type is billed for its own segment", () => {
    const policy = testPolicy({
      init: () => ({
        state: {},
        actions: [
          { kind: "pool", pool: "default", concurrency: 1 },
          { kind: "provision", pool: "default", type: "c5.large", count: 4, prewarmed: true },
        ],
      }),
      tickS: () => 600,
      onTick: (state, _c, fleet: FleetView) => ({
        state,
        actions:
          fleet.nowS < 700
            ? fleet
                .instances("default")
                .map((i): Action => ({ kind: "resize", instanceId: i.id, type: "c5.2xlarge" }))
            : [],
      }),
    });
    const { summary, records } = run(policy, 1800, { ...workload, ratePerS: 1 });
    expect(Object.keys(summary.costUsdByType).sort()).toEqual(["c5.2xlarge", "c5.large"]);
    // 2 CPU-seconds, fully parallel: 1 s on 2 vCPU, 0.25 s on 8 vCPU.
    const done = (from: number, to: number) =>
      records.filter((r) => r.outcome === "completed" && r.startS >= from && r.startS < to);
    const before = done(0, 500);
    const after = done(900, 1700);
    expect(before.length).toBeGreaterThan(100);
    expect(after.length).toBeGreaterThan(100);
    const service = (rs: RequestRecord[]) => Math.min(...rs.map((r) => r.endS - r.startS));
    expect(service(before)).toBeCloseTo(1, 6);
    expect(service(after)).toBeCloseTo(0.25, 6);
    // Four c5.large for ~600 s plus the resize latency, then c5.2xlarge to the end.
    expect(summary.costUsdByType["c5.large"]!).toBeGreaterThan((4 * 600 * 0.085) / 3600);
    expect(summary.costUsdByType["c5.2xlarge"]!).toBeLessThan((4 * 1200 * 0.34) / 3600);
  });
});

describe("migration", () => {
  test("running requests move to another pool, pause, and finish there with their work kept", () => {
    const policy = testPolicy({
      init: () => ({
        state: {},
        actions: [
          { kind: "pool", pool: "small", concurrency: 1 },
          { kind: "provision", pool: "small", type: "t3.medium", count: 8, prewarmed: true },
          { kind: "pool", pool: "big", concurrency: 1 },
          { kind: "provision", pool: "big", type: "c5.2xlarge", count: 8, prewarmed: true },
        ],
      }),
      onArrival: (state) => ({ state, actions: [{ kind: "route", pool: "small" }] }),
      tickS: () => 0.5,
      onTick: (state, _c, fleet: FleetView) => ({
        state,
        actions: fleet
          .instances("small")
          .flatMap((i) => i.runningRequestIds)
          .map((id): Action => ({ kind: "migrate", requestId: id, pool: "big" })),
      }),
    });
    const { summary, records } = run(policy, 600, {
      ...workload,
      cpuSeconds: { kind: "constant", value: 8 },
    });
    expect(summary.completed).toBeGreaterThan(900);
    const done = records.filter((r) => r.outcome === "completed");
    expect(done.every((r) => r.instanceType === "c5.2xlarge")).toBe(true);
    // 8 CPU-seconds: 4 s on t3.medium. Moved within 0.5 s (< 1/8 of the work),
    // paused 1 s + 256 MiB at 256 MiB/s, the rest at 1 s for all 8: 3-4 s in all.
    const spans = done.map((r) => r.endS - r.startS);
    expect(Math.min(...spans)).toBeGreaterThan(2.9);
    expect(Math.max(...spans)).toBeLessThan(4.0);
  });
});

describe("out-of-memory retry", () => {
  test("a request that outgrows its slot is tried again where the policy sends it, and counts once", () => {
    const seen = new Set<string>();
    const policy = testPolicy({
      init: () => ({
        state: {},
        actions: [
          { kind: "provision", pool: "default", type: "t3.micro", count: 4, prewarmed: true },
          { kind: "pool", pool: "large" },
          { kind: "provision", pool: "large", type: "r5.large", count: 4, prewarmed: true },
        ],
      }),
      onArrival: (state, _c, request) => {
        seen.add(Object.keys(request).sort().join(","));
        const pool = (request.outOfMemoryAtMiB ?? 0) > 0 ? "large" : "default";
        return { state, actions: [{ kind: "route", pool }] };
      },
      onCompletion: (state, _c, feedback) => {
        seen.add(Object.keys(feedback.request).sort().join(","));
        return { state, actions: [] };
      },
    });
    // 2 GiB does not fit a t3.micro (1 GiB) but fits an r5.large (16 GiB).
    const { summary, records } = run(policy, 600, {
      ...workload,
      ratePerS: 0.5,
      memMiB: { kind: "constant", value: 2048 },
    });
    expect(summary.retriedOutOfMemory).toBeGreaterThan(200);
    expect(summary.failedOutOfMemory).toBe(0);
    expect(summary.completed + summary.inFlightAtEnd).toBe(summary.requests);
    expect(records.every((r) => r.instanceType === "r5.large")).toBe(true);
    // What the policy saw of requests, first tries and retries: never their demand.
    expect([...seen].sort()).toEqual([
      "arrivalS,attempt,features,functionId,id,outOfMemoryAtMiB",
      "arrivalS,features,functionId,id",
    ]);
  });
});
