/**
 * What a trace holds, gathered in one streamed pass in bounded memory (but
 * for a count per function and per minute): its span and rates, its
 * busiest minute, its functions and their shares, the distributions of
 * what it measured, and its pre-trigger notices. What `sim trace stats`
 * prints, to look at a trace before a run.
 */
import { LatencyHistogram } from "../sim/model/latency-histogram.js";
import type { TraceRow } from "./format.js";

export interface Spread {
  readonly count: number;
  readonly mean: number;
  readonly p50: number;
  readonly p95: number;
  readonly p99: number;
  readonly max: number;
}

export interface TraceStats {
  readonly rows: number;
  readonly firstArrivalS: number;
  readonly lastArrivalS: number;
  /** Requests per second over the span. */
  readonly meanRatePerS: number;
  /** The busiest whole minute of the trace, as requests per second. */
  readonly peakMinute: { readonly startS: number; readonly ratePerS: number };
  /** Requests per second in each minute from the trace's start. */
  readonly ratePerMinute: readonly number[];
  readonly functions: number;
  /** The most called functions, most first. */
  readonly topFunctions: readonly { readonly id: string; readonly share: number }[];
  readonly codeIds: number;
  /** Null where no row measured it. */
  readonly durationS: Spread | null;
  readonly cpuS: Spread | null;
  readonly memoryMiB: Spread | null;
  /** Input sizes, in MiB (the trace gives bytes). */
  readonly inputMiB: Spread | null;
  /**
   * Distinct input-parameter hashes, counted up to HASH_LIMIT (then
   * `atLeast`): a trace with a hash per request would otherwise hold them all.
   */
  readonly paramsHashes: { readonly distinct: number; readonly atLeast: boolean } | null;
  readonly notices: {
    /** Share of the requests announced ahead. */
    readonly share: number;
    readonly leadS: Spread;
    /** Share of the notices that named another function. */
    readonly wrongShare: number;
  } | null;
}

const TOP = 5;
export const HASH_LIMIT = 1 << 20;
const MIB = 1024 * 1024;

export class TraceStatsBuilder {
  private rows = 0;
  private first = Infinity;
  private last = -Infinity;
  private readonly perFunction = new Map<string, number>();
  private readonly codeIds = new Set<string>();
  private readonly perMinute: number[] = [];
  private readonly duration = new LatencyHistogram();
  private readonly cpu = new LatencyHistogram();
  private readonly memory = new LatencyHistogram();
  private readonly input = new LatencyHistogram();
  private readonly hashes = new Set<string>();
  private hashesFull = false;
  private hashedRows = 0;
  private readonly lead = new LatencyHistogram();
  private wrongNotices = 0;

  /** Rows added so far. */
  get count(): number {
    return this.rows;
  }

  add(r: TraceRow): void {
    this.rows++;
    // Traces come in arrival order; a builder fed otherwise still spans them all.
    this.first = Math.min(this.first, r.arrivalS);
    this.last = Math.max(this.last, r.arrivalS);
    this.perFunction.set(r.functionId, (this.perFunction.get(r.functionId) ?? 0) + 1);
    if (r.codeId !== "") this.codeIds.add(r.codeId);
    const minute = Math.floor(r.arrivalS / 60);
    while (this.perMinute.length <= minute) this.perMinute.push(0);
    this.perMinute[minute]!++;
    if (!Number.isNaN(r.durationS)) this.duration.record(r.durationS);
    if (!Number.isNaN(r.cpuS)) this.cpu.record(r.cpuS);
    if (!Number.isNaN(r.memoryMiB)) this.memory.record(r.memoryMiB);
    if (!Number.isNaN(r.inputBytes)) this.input.record(r.inputBytes / MIB);
    if (r.paramsHash !== "") {
      this.hashedRows++;
      if (this.hashes.size < HASH_LIMIT) this.hashes.add(r.paramsHash);
      else if (!this.hashes.has(r.paramsHash)) this.hashesFull = true;
    }
    if (!Number.isNaN(r.noticeLeadS)) {
      this.lead.record(r.noticeLeadS);
      if (r.noticeFunctionId !== "") this.wrongNotices++;
    }
  }

  stats(): TraceStats {
    const spanS = this.rows > 1 ? this.last - this.first : 0;
    let peak = 0;
    this.perMinute.forEach((n, m) => {
      if (n > (this.perMinute[peak] ?? 0)) peak = m;
    });
    const top = [...this.perFunction]
      .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
      .slice(0, TOP)
      .map(([id, n]) => ({ id, share: n / this.rows }));
    return {
      rows: this.rows,
      firstArrivalS: this.rows > 0 ? this.first : 0,
      lastArrivalS: this.rows > 0 ? this.last : 0,
      meanRatePerS: spanS > 0 ? this.rows / spanS : 0,
      peakMinute: { startS: peak * 60, ratePerS: (this.perMinute[peak] ?? 0) / 60 },
      ratePerMinute: this.perMinute.map((n) => n / 60),
      functions: this.perFunction.size,
      topFunctions: top,
      codeIds: this.codeIds.size,
      durationS: spread(this.duration),
      cpuS: spread(this.cpu),
      memoryMiB: spread(this.memory),
      inputMiB: spread(this.input),
      paramsHashes:
        this.hashedRows === 0 ? null : { distinct: this.hashes.size, atLeast: this.hashesFull },
      notices:
        this.lead.count === 0
          ? null
          : {
              share: this.lead.count / this.rows,
              leadS: spread(this.lead)!,
              wrongShare: this.wrongNotices / this.lead.count,
            },
    };
  }
}

function spread(h: LatencyHistogram): Spread | null {
  if (h.count === 0) return null;
  return {
    count: h.count,
    mean: h.mean(),
    p50: h.quantile(0.5),
    p95: h.quantile(0.95),
    p99: h.quantile(0.99),
    max: h.max,
  };
}
