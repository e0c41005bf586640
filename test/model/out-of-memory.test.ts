/**
 * A request whose memory outgrows its slot fails the moment its use crosses
 * the slot's memory (memory-profile.ts), not at a fixed point: its time on
 * the instance, its CPU-seconds in feedback and its bill stop there.
 */
import { z } from "zod";
import { expect, test } from "vitest";
import { Scheduler } from "../../sim/engine/scheduler.js";
import { DEFAULT_CATALOG } from "../../sim/model/catalog/default-catalog.js";
import { Cluster } from "../../sim/model/cluster.js";
import { outOfMemoryFrac, type MemoryProfile } from "../../sim/model/memory-profile.js";
import type { Demand, RequestSource, WorkRequest } from "../../sim/model/request.js";
import type { CompletionFeedback, Policy, UsageSample } from "../../sim/policies/types.js";
import { readManifest } from "../../traces/code-manifest.js";
import { readFileSync } from "node:fs";
import { RandomStreams } from "../../sim/random/streams.js";

const CPU_S = 10;

/** One request every 100 s, so each runs alone on the one instance. */
function source(demands: readonly Demand[]): RequestSource {
  let i = 0;
  return {
    next(): WorkRequest | null {
      const d = demands[i];
      if (!d) return null;
      return { id: i, arrivalS: 100 * ++i, functionId: 0, features: null, demand: d };
    },
  };
}

function run(demands: readonly Demand[], samples: UsageSample[] = []): CompletionFeedback[] {
  const feedback: CompletionFeedback[] = [];
  const policy: Policy = {
    name: "one-instance",
    description: "one prewarmed instance, every request routed to it",
    configSchema: z.unknown(),
    typesUsed: () => ["c5.large"],
    init: () => ({
      state: {},
      actions: [
        { kind: "pool", pool: "p", concurrency: 1 },
        { kind: "provision", pool: "p", type: "c5.large", count: 1, prewarmed: true },
      ],
    }),
    onArrival: (state) => ({ state, actions: [{ kind: "route", pool: "p" }] }),
    usageS: () => 0.5,
    onUsage: (state, _c, sample) => {
      samples.push(sample);
      return { state, actions: [] };
    },
    onCompletion: (state, _c, f) => {
      feedback.push(f);
      return { state, actions: [] };
    },
  };
  const scheduler = new Scheduler();
  const horizonS = 100 * (demands.length + 2);
  const cluster = new Cluster(scheduler, {
    policyName: "one-instance",
    policy,
    policyConfig: {},
    catalog: DEFAULT_CATALOG,
    streams: new RandomStreams(1),
    horizonS,
    slaLatencyS: 60,
    queueCapacity: 100,
    queueTimeoutS: Infinity,
    sampleIntervalS: 60,
    retryOutOfMemory: false,
    migrationFixedS: 1,
    migrationMiBPerS: 256,
  });
  cluster.start(source(demands));
  scheduler.run(horizonS);
  cluster.finish();
  return feedback;
}

const demand = (memMiB: number, memory?: MemoryProfile): Demand => ({
  cpuSeconds: CPU_S,
  parallelFraction: 0,
  memMiB,
  gpuSpeedup: 1,
  ...(memory ? { memory } : {}),
});

test("an out-of-memory request ends where its use crosses the limit, with the CPU-seconds done by then", () => {
  const big = 4 * DEFAULT_CATALOG.get("c5.large")!.memMiB;
  const profiles: (MemoryProfile | undefined)[] = [
    undefined,
    { kind: "linear", startFrac: 0.1 },
    { kind: "spike", baseFrac: 0.05, atFrac: 0.8 },
    { kind: "steady" },
  ];
  const [fits, ...failed] = run([demand(64), ...profiles.map((p) => demand(big, p))]);
  expect(fits!.outcome).toBe("completed");
  const fullS = fits!.serviceS;
  expect(fits!.cpuSeconds).toBeCloseTo(CPU_S, 9);
  expect(failed).toHaveLength(profiles.length);
  const fracs = failed.map((f, i) => {
    expect(f.outcome).toBe("failed");
    const limit = f.peakMemMiB;
    const frac = outOfMemoryFrac(demand(big, profiles[i]), limit)!;
    expect(f.serviceS).toBeCloseTo(frac * fullS, 9);
    expect(f.cpuSeconds).toBeCloseTo(frac * CPU_S, 9);
    return frac;
  });
  // Linear from 0 to four times the limit crosses it a quarter of the way;
  // from a tenth, at (1 - 0.4) / (4 - 0.4); a spike at its moment; a steady
  // peak at once.
  expect(fracs[0]).toBeCloseTo(0.25, 12);
  expect(fracs[1]).toBeCloseTo(0.6 / 3.6, 12);
  expect(fracs[2]).toBe(0.8);
  expect(fracs[3]).toBe(0);
});

test("usage samples show seed 000's triggers: memory that grows with the data or the recursion, up to the crossing", () => {
  const file = new URL("../../traces/code/manifest.json", import.meta.url).pathname;
  const manifest = readManifest(file, readFileSync(file, "utf8"));
  const limit = DEFAULT_CATALOG.get("c5.large")!.memMiB;
  // Word counts (data growth) and N-queens (deep recursion) grow linearly;
  // an ETL's final join spikes late. Each peaks just past the slot.
  const paths = ["parse/word_freq.rb", "search/nqueens.js", "io/etl.py"];
  const demands = paths.map((p) => demand(1.05 * limit, manifest.get(p)!.demand.memory));
  const samples: UsageSample[] = [];
  const feedback = run(demands, samples);
  expect(feedback.map((f) => f.outcome)).toEqual(["failed", "failed", "failed"]);
  paths.forEach((path, i) => {
    const mine = samples.filter((s) => s.request.id === i);
    const frac = outOfMemoryFrac(demands[i]!, limit)!;
    // Samples every 0.5 s until the crossing, none after it.
    expect(mine.length, path).toBeGreaterThan(3);
    expect(mine.at(-1)!.elapsedS).toBeLessThan(feedback[i]!.serviceS);
    for (const s of mine) {
      expect(s.memMiB).toBeLessThanOrEqual(limit);
      expect(s.memLimitMiB).toBe(limit);
    }
    const mem = mine.map((s) => s.memMiB);
    if (path === "io/etl.py") {
      // Flat below the limit, then the spike crosses it at once.
      expect(new Set(mem).size).toBe(1);
      expect(frac).toBe(0.85);
    } else {
      for (let k = 1; k < mem.length; k++) expect(mem[k]!, path).toBeGreaterThan(mem[k - 1]!);
      // Up to the crossing: the last sample is within a sample's growth of the limit.
      const step = (mem.at(-1)! - mem[0]!) / (mem.length - 1);
      expect(mem.at(-1)!, path).toBeGreaterThan(limit - 1.01 * step);
    }
  });
});
