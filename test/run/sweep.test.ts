import fc from "fast-check";
import { describe, expect, test } from "vitest";
import type { RunSummary } from "../../sim/model/summary.js";
import { halfWidth95 } from "../../sim/run/confidence.js";
import { mergeShards, SHARD_FORMAT } from "../../sim/run/merge-shards.js";
import type { PoolOutcome } from "../../sim/run/pool-job.js";
import { parseShard, shardJobs } from "../../sim/run/shard.js";
import { aggregateSweep } from "../../sim/run/sweep-aggregate.js";
import type { SweepFrame } from "../../sim/run/sweep-frame.js";
import { UsageError } from "../../sim/run/usage-error.js";

/** A summary whose every figure is `x`, cost `cost`. */
function summary(x: number, cost: number): RunSummary {
  return {
    policy: "p",
    requests: x,
    completed: x,
    failed: 0,
    failedOutOfMemory: 0,
    retriedOutOfMemory: 0,
    failedTimeout: 0,
    rejected: 0,
    inFlightAtEnd: 0,
    coldStarts: 0,
    coldStartRatio: 0,
    notices: 0,
    noticesLate: 0,
    latencyS: { mean: x, p50: x, p95: x, p99: x, max: x },
    queueWaitS: { mean: 0, p99: 0 },
    costUsd: cost,
    costUsdByType: {},
    idleCostUsd: 0,
    meanInstances: 1,
    maxInstances: 1,
    utilization: 0.5,
    slaAttainment: x > 2 ? 0.9 : 1,
    horizonS: 60,
  };
}

/** 2 points x 3 replications x 1 policy. */
const frame: SweepFrame = {
  scenario: { file: "s.yaml", hash: "h", name: "s", description: "" },
  seed: 4,
  horizonS: 60,
  slaLatencyS: 1,
  slaTarget: 0.99,
  replications: 3,
  parameters: ["workload.synth.rate"],
  points: [0, 1].map((point) => ({
    point,
    values: [{ path: "workload.synth.rate", value: `${point + 1}/s` }],
    policies: ["p"],
    slaTarget: 0.99,
  })),
  jobs: [0, 1, 2, 3, 4, 5].map((index) => ({
    index,
    point: Math.floor(index / 3),
    policyIndex: 0,
    policy: "p",
    replication: index % 3,
    seed: 4,
  })),
};

const ok = (s: RunSummary): PoolOutcome => ({ ok: true, summary: s, skippedRows: 0 });

describe("aggregateSweep", () => {
  test("each metric's mean and Student t half-width over the replications that ran", () => {
    const costs = [1, 2, 4, 10, 20, 40];
    const outcomes = costs.map((c, i) => ok(summary(i, c)));
    const r = aggregateSweep(frame, outcomes);
    const [p0, p1] = r.points.map((p) => p.policies[0]!);
    expect(p0!.metrics.costUsd.mean).toBeCloseTo(7 / 3, 12);
    expect(p0!.metrics.costUsd.ci95).toBe(halfWidth95([1, 2, 4]));
    expect(p1!.metrics.latencyP99S).toEqual({ mean: 4, ci95: halfWidth95([3, 4, 5]) });
    expect(p0!.meetsSla).toBe(true);
    expect(p1!.meetsSla).toBe(false);
    expect(r.points[1]!.values).toEqual({ "workload.synth.rate": "2/s" });
  });

  test("a failed job is listed and left out of its point's figures", () => {
    const outcomes = [0, 1, 2, 3, 4, 5].map((i) =>
      i === 4 ? ({ ok: false, error: "bad row" } as const) : ok(summary(i, i)),
    );
    const r = aggregateSweep(frame, outcomes);
    expect(r.failures).toEqual([
      { job: 4, point: 1, policy: "p", replication: 1, seed: 4, error: "bad row" },
    ]);
    expect(r.points[1]!.policies[0]!.replications).toBe(2);
    expect(r.points[1]!.policies[0]!.metrics.costUsd).toEqual({
      mean: 4,
      ci95: halfWidth95([3, 5]),
    });
  });
});

test("a metric one replication could not give has no estimate", () => {
  const outcomes = [0, 1, 2, 3, 4, 5].map((i) => {
    const s = summary(i, i);
    // As JSON gives back the NaN of a run where no request completed.
    if (i === 1) s.latencyS.p99 = null as unknown as number;
    return ok(s);
  });
  const r = aggregateSweep(frame, outcomes);
  expect(r.points[0]!.policies[0]!.metrics.latencyP99S).toEqual({ mean: null, ci95: null });
  expect(r.points[0]!.policies[0]!.metrics.costUsd.mean).toBe(1);
  expect(r.points[1]!.policies[0]!.metrics.latencyP99S.mean).toBe(4);
});

describe("shards", () => {
  test("the shards of a split partition the jobs", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 200 }), fc.integer({ min: 1, max: 20 }), (total, n) => {
        const all = [...Array(n).keys()].flatMap((i) => shardJobs(total, { index: i, count: n }));
        expect(all.sort((a, b) => a - b)).toEqual([...Array(total).keys()]);
      }),
    );
  });

  test("i/n counts from 0", () => {
    expect(parseShard("3/4")).toEqual({ index: 3, count: 4 });
    for (const bad of ["4/4", "1/0", "-1/3", "a/b", "1", "1.5/3"])
      expect(() => parseShard(bad)).toThrow(UsageError);
  });

  test("merge puts every shard's outcomes back at their jobs", () => {
    const outcomes = [0, 1, 2, 3, 4, 5].map((i) => ok(summary(i, i)));
    const shard = (index: number) => ({
      dir: `d${index}`,
      data: {
        format: SHARD_FORMAT,
        shard: { index, count: 4 },
        frame,
        outcomes: shardJobs(6, { index, count: 4 }).map((j) => outcomes[j]),
      },
    });
    const merged = mergeShards([shard(2), shard(0), shard(3), shard(1)]);
    expect(merged.outcomes).toEqual(outcomes);
    const cut = shard(1);
    cut.data.outcomes = cut.data.outcomes.slice(1);
    expect(() => mergeShards([shard(0), cut, shard(2), shard(3)])).toThrow(
      /shard 1\/4 holds 1 results where it should hold 2/,
    );
  });
});
