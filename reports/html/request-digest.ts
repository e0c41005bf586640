/**
 * What the HTML report needs of the requests, gathered as they end and kept
 * in bounded memory: per policy, the latency distribution of completed
 * requests in sparse bins and cold starts per interval of arrival time. Its
 * size depends on the horizon and the latency spread, never on how many
 * requests ran. Feed it every request record (a JobSinks.onRequestEnd) of
 * every replication; counts are summed over replications.
 */
import type { RequestRecord } from "../../sim/model/summary.js";
import { LatencyBins } from "./latency-bins.js";

/** One policy's share of the digest: plain data. */
export interface PolicyRequestDigest {
  readonly policy: string;
  readonly completed: number;
  readonly coldStarts: number;
  /** [bin, count] of completed requests' latencies (bins of latency-bins.ts). */
  readonly latencyBins: readonly (readonly [number, number])[];
  /** Completed requests and their cold starts by the interval they arrived in. */
  readonly completedByInterval: readonly number[];
  readonly coldStartsByInterval: readonly number[];
}

export interface RequestDigestData {
  /** Width of one arrival-time interval, in seconds. */
  readonly intervalS: number;
  readonly policies: readonly PolicyRequestDigest[];
}

/** About this many arrival-time intervals over the horizon. */
const INTERVALS = 120;

/** A round interval of about horizon / INTERVALS: 1, 2 or 5 times a power of ten seconds, or whole minutes or hours. */
export function intervalFor(horizonS: number): number {
  const raw = horizonS / INTERVALS;
  const steps = [
    1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 900, 1800, 3600, 7200, 21600, 43200, 86400,
  ];
  for (const s of steps) if (s >= raw) return s;
  return Math.ceil(raw / 86400) * 86400;
}

class PolicyTally {
  completed = 0;
  coldStarts = 0;
  readonly latency = new LatencyBins();
  readonly completedBy: number[];
  readonly coldBy: number[];

  constructor(intervals: number) {
    this.completedBy = new Array<number>(intervals).fill(0);
    this.coldBy = new Array<number>(intervals).fill(0);
  }
}

export class RequestDigest {
  readonly intervalS: number;
  private readonly intervals: number;
  private readonly tallies = new Map<string, PolicyTally>();

  constructor(horizonS: number) {
    this.intervalS = intervalFor(horizonS);
    this.intervals = Math.max(1, Math.ceil(horizonS / this.intervalS));
  }

  /** Takes one ended request; only completed ones count, as in the summary's latency and cold starts. */
  readonly record = (r: RequestRecord): void => {
    if (r.outcome !== "completed") return;
    let t = this.tallies.get(r.policy);
    if (!t) this.tallies.set(r.policy, (t = new PolicyTally(this.intervals)));
    t.completed++;
    t.latency.add(r.endS - r.arrivalS);
    const i = Math.min(this.intervals - 1, Math.max(0, Math.floor(r.arrivalS / this.intervalS)));
    t.completedBy[i]!++;
    if (r.cold) {
      t.coldStarts++;
      t.coldBy[i]!++;
    }
  };

  data(): RequestDigestData {
    return {
      intervalS: this.intervalS,
      policies: [...this.tallies.entries()].map(([policy, t]) => ({
        policy,
        completed: t.completed,
        coldStarts: t.coldStarts,
        latencyBins: t.latency.toPairs(),
        completedByInterval: t.completedBy,
        coldStartsByInterval: t.coldBy,
      })),
    };
  }
}

/**
 * Two digests of the same horizon added up, policy by policy: for runs made
 * apart (worker threads, shards), each with a digest of its own.
 */
export function mergeRequestDigests(a: RequestDigestData, b: RequestDigestData): RequestDigestData {
  if (a.intervalS !== b.intervalS)
    throw new Error(
      `cannot merge request digests of ${a.intervalS} s and ${b.intervalS} s intervals`,
    );
  const add = (x: readonly number[], y: readonly number[]) =>
    Array.from({ length: Math.max(x.length, y.length) }, (_, i) => (x[i] ?? 0) + (y[i] ?? 0));
  const policies = [...a.policies];
  for (const q of b.policies) {
    const i = policies.findIndex((p) => p.policy === q.policy);
    const p = policies[i];
    if (!p) {
      policies.push(q);
      continue;
    }
    const bins = new LatencyBins();
    bins.addBins(p.latencyBins);
    bins.addBins(q.latencyBins);
    policies[i] = {
      policy: p.policy,
      completed: p.completed + q.completed,
      coldStarts: p.coldStarts + q.coldStarts,
      latencyBins: bins.toPairs(),
      completedByInterval: add(p.completedByInterval, q.completedByInterval),
      coldStartsByInterval: add(p.coldStartsByInterval, q.coldStartsByInterval),
    };
  }
  return { intervalS: a.intervalS, policies };
}
