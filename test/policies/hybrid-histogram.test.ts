/**
 * The hybrid histogram policy: its windows from a function's idle times, and
 * in a run, a function called every 30 minutes learns to be unloaded after
 * each call and loaded again just before the next, so it stops starting cold.
 */
import { describe, expect, test } from "vitest";
import {
  hybridHistogramPolicy,
  windowsOf,
  type HybridHistogramConfig,
} from "../../sim/policies/hybrid-histogram.js";
import { Scheduler } from "../../sim/engine/scheduler.js";
import { DEFAULT_CATALOG } from "../../sim/model/catalog/default-catalog.js";
import { Cluster } from "../../sim/model/cluster.js";
import type { RequestSource } from "../../sim/model/request.js";
import type { RequestRecord, TimeseriesRow } from "../../sim/model/summary.js";
import type { Policy } from "../../sim/policies/types.js";
import { RandomStreams } from "../../sim/random/streams.js";

const c: HybridHistogramConfig = hybridHistogramPolicy.configSchema.parse({ type: "lambda-1769" });

/** An app whose idle times, in minutes, fell in these bins. */
function app(minutes: number[], beyond = 0) {
  const bins: Record<string, number> = {};
  for (const m of minutes) bins[m] = (bins[m] ?? 0) + 1;
  return { bins, inRange: minutes.length, beyond, idleSinceS: null };
}

describe("windows", () => {
  test("a peaked histogram: pre-warm at 0.9 x its 5th percentile, keep until 1.1 x (99th bin + 1)", () => {
    const w = windowsOf(app(Array.from({ length: 40 }, () => 30)), c);
    expect(w.prewarmS).toBeCloseTo(30 * 60 * 0.9, 9);
    expect(w.keepAliveS).toBeCloseTo(31 * 60 * 1.1, 9);
  });

  test("a flat histogram (CV under 2) keeps the sandbox for the whole range", () => {
    const flat = Array.from({ length: 240 }, (_, i) => i);
    expect(windowsOf(app(flat), c)).toEqual({ prewarmS: 0, keepAliveS: 4 * 3600 });
  });

  test("too few idle times, or mostly beyond the range: the fixed keep-alive", () => {
    expect(windowsOf(app([30, 30, 30]), c)).toEqual({ prewarmS: 0, keepAliveS: 600 });
    expect(windowsOf(app(Array(10).fill(30), 10), c)).toEqual({ prewarmS: 0, keepAliveS: 600 });
  });
});

function run(policy: Policy, config: unknown) {
  const scheduler = new Scheduler();
  const records: RequestRecord[] = [];
  const rows: TimeseriesRow[] = [];
  const cluster = new Cluster(scheduler, {
    policyName: "p",
    policy,
    policyConfig: config,
    catalog: DEFAULT_CATALOG,
    streams: new RandomStreams(4),
    horizonS: 24 * 3600,
    slaLatencyS: 5,
    queueCapacity: 1000,
    queueTimeoutS: Infinity,
    sampleIntervalS: 60,
    retryOutOfMemory: false,
    migrationFixedS: 1,
    migrationMiBPerS: 256,
    onRequestEnd: (r) => records.push(r),
    onSample: (r) => rows.push(r),
  });
  // One function called every 30 minutes, for a day.
  let id = 0;
  const source: RequestSource = {
    next: () =>
      id >= 48
        ? null
        : {
            id: id,
            arrivalS: 1800 * id++ + 5,
            functionId: 1,
            features: null,
            demand: { cpuSeconds: 0.2, parallelFraction: 0, memMiB: 128, gpuSpeedup: 1 },
          },
  };
  cluster.start(source);
  scheduler.run(24 * 3600);
  const summary = cluster.finish();
  const loaded = rows.filter((r) => r.idle + r.busy + r.booting > 0).length / rows.length;
  return { summary, records, loaded };
}

test("a function called every 30 minutes stops starting cold, loaded a fraction of the time", () => {
  const hybrid = run(hybridHistogramPolicy as Policy, c);
  const cold = hybrid.records.map((r) => r.cold);
  // Cold until the histogram has its 10 idle times, warm after.
  expect(cold.slice(0, 10).every(Boolean)).toBe(true);
  expect(cold.slice(12).some(Boolean)).toBe(false);
  // Unloaded after each call and loaded 3 minutes ahead of the next: a small share of the day.
  expect(hybrid.loaded).toBeLessThan(0.35);
  expect(hybrid.summary.completed).toBe(48);
});
