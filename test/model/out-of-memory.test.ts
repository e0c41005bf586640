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
import type { CompletionFeedback, Policy } from "../../sim/policies/types.js";
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

function run(demands: readonly Demand[]): CompletionFeedback[] {
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
