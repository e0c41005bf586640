/**
 * A small run for allocation tests: listed requests (true demand given),
 * a test policy, the default catalog (or one given), every request's end
 * recorded and every policy log line kept.
 */
import { z } from "zod";
import { Scheduler } from "../../sim/engine/scheduler.js";
import type { Catalog } from "../../sim/model/catalog/types.js";
import { DEFAULT_CATALOG } from "../../sim/model/catalog/default-catalog.js";
import { Cluster } from "../../sim/model/cluster.js";
import type { Demand, RequestSource, WorkRequest } from "../../sim/model/request.js";
import type { RequestRecord, RunSummary } from "../../sim/model/summary.js";
import type { Policy } from "../../sim/policies/types.js";
import { RandomStreams } from "../../sim/random/streams.js";

export type TestPolicy = Policy<unknown, Record<string, unknown>>;

export function testPolicy(parts: Partial<TestPolicy>): TestPolicy {
  return {
    name: "test",
    description: "test",
    configSchema: z.unknown(),
    typesUsed: () => [],
    init: () => ({ state: {}, actions: [] }),
    ...parts,
  };
}

export const demand = (d: Partial<Demand> = {}): Demand => ({
  cpuSeconds: 1,
  parallelFraction: 0,
  memMiB: 128,
  gpuSpeedup: 1,
  ...d,
});

/** A request arriving at `arrivalS` (ids from 0 in list order). */
export function req(
  arrivalS: number,
  d: Partial<Demand> = {},
  more: Partial<WorkRequest> = {},
): Omit<WorkRequest, "id"> {
  return { arrivalS, functionId: 0, features: null, demand: demand(d), ...more };
}

export function listSource(requests: readonly Omit<WorkRequest, "id">[]): RequestSource {
  let next = 0;
  const announces = requests.some((r) => r.noticeLeadS !== undefined);
  return {
    announces,
    next: () => {
      const r = requests[next];
      if (!r) return null;
      return { id: next++, ...r };
    },
  };
}

export interface AllocRun {
  readonly summary: RunSummary;
  readonly records: RequestRecord[];
  readonly log: string[];
}

export function runAlloc(
  policy: TestPolicy,
  requests: readonly Omit<WorkRequest, "id">[],
  horizonS: number,
  catalog: Catalog = DEFAULT_CATALOG,
): AllocRun {
  const scheduler = new Scheduler();
  const records: RequestRecord[] = [];
  const log: string[] = [];
  const cluster = new Cluster(scheduler, {
    policyName: "test",
    policy: policy as Policy,
    policyConfig: {},
    catalog,
    streams: new RandomStreams(7),
    horizonS,
    slaLatencyS: 1000,
    queueCapacity: 100_000,
    queueTimeoutS: Infinity,
    sampleIntervalS: 10,
    retryOutOfMemory: false,
    migrationFixedS: 1,
    migrationMiBPerS: 256,
    noticeLookaheadS: 600,
    onRequestEnd: (r) => records.push(r),
    log: (line) => log.push(line),
  });
  cluster.start(listSource(requests));
  scheduler.run(horizonS);
  return { summary: cluster.finish(), records: records.sort((a, b) => a.id - b.id), log };
}

/** Seconds each request ran, by id. */
export const ranS = (run: AllocRun) => run.records.map((r) => r.endS - r.startS);
