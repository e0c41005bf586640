/**
 * How many requests a run is expected to simulate, said before it starts:
 * rate x horizon for a synthetic workload, the rows for a trace where
 * counting them is cheap. A run beyond the scenario's limit is refused, so
 * a slip of the rate (1e12/s) is an error, not a run with no end.
 */
import type { NormalizedScenario } from "../scenario/validate.js";
import { basename } from "node:path";
import { countTraceRows } from "../../traces/count-rows.js";
import { meanRate } from "../../traces/synth/arrivals.js";
import { UsageError } from "./usage-error.js";

export interface ExpectedRequests {
  /** Requests of one policy in one replication; null when only the trace knows. */
  readonly perJob: number | null;
  /** Whether perJob is a bound (trace rows past the horizon are not run). */
  readonly atMost: boolean;
  readonly policies: number;
  readonly replications: number;
  /** What the figure comes from. */
  readonly basis: string;
}

export function expectedRequests(s: NormalizedScenario): ExpectedRequests {
  const shape = { policies: s.policies.length, replications: s.replications };
  const w = s.workload;
  if (w.kind === "synth") {
    const rate = meanRate(w.synth.ratePerS, w.synth.pattern);
    return {
      ...shape,
      perJob: Math.round(rate * s.horizonS),
      atMost: false,
      basis: `${count(rate)}/s x ${count(s.horizonS)} s`,
    };
  }
  if (w.kind === "trace") {
    const rows = countTraceRows(w.file);
    return rows === null
      ? { ...shape, perJob: null, atMost: false, basis: `from the trace ${basename(w.file)}` }
      : { ...shape, perJob: rows, atMost: true, basis: `the rows of ${basename(w.file)}` };
  }
  return { ...shape, perJob: null, atMost: false, basis: `from the ${w.source.format} dataset` };
}

export function totalOf(e: ExpectedRequests): number | null {
  return e.perJob === null ? null : e.perJob * e.policies * e.replications;
}

/** Whole numbers grouped by thousands; very large ones in exponent form. */
function count(x: number): string {
  if (x >= 1e15) return x.toExponential(2).replace("e+", "e");
  return Number.isInteger(x) ? x.toLocaleString("en-US") : String(Number(x.toPrecision(6)));
}

/** One line: the expected requests per policy and in all. */
export function describeExpected(e: ExpectedRequests): string {
  const per = e.replications === 1 ? "per policy" : "per policy and replication";
  const jobs = `${e.policies} ${e.policies === 1 ? "policy" : "policies"} x ${e.replications} replication${e.replications === 1 ? "" : "s"}`;
  if (e.perJob === null) return `expected requests: as many as the trace holds (${e.basis})`;
  const bound = e.atMost ? "at most " : "about ";
  return `expected requests: ${bound}${count(e.perJob)} ${per} (${e.basis}), ${count(totalOf(e)!)} in all (${jobs})`;
}

/** Why the run would be refused, when it would simulate more requests than the scenario allows. */
export function beyondLimit(s: NormalizedScenario, e: ExpectedRequests): string | undefined {
  const total = totalOf(e);
  if (total === null || total <= s.maxRequests) return undefined;
  return `${s.name}: about ${count(total)} requests expected (${e.basis} for each of ${e.policies * e.replications} jobs), more than the limit of ${count(s.maxRequests)}; lower the rate or the duration, or raise the limit with --max-requests N or run.maxRequests in the scenario`;
}

/** Throws when the run would simulate more requests than the scenario allows. */
export function checkRequestLimit(s: NormalizedScenario, e: ExpectedRequests): void {
  const beyond = beyondLimit(s, e);
  if (beyond !== undefined) throw new UsageError(beyond);
}
