/**
 * Azure Functions 2019 (Shahrad et al., ATC 2020) to the provisim trace
 * format. Its files give, per function and day, invocation counts per
 * minute, duration percentiles per function and allocated-memory
 * percentiles per app. A request is made for every counted invocation: its
 * instant uniform within its minute, its duration and memory drawn from the
 * percentiles (linear between them). Minutes are produced in order, and
 * each minute's requests are drawn in order, so the output is in arrival
 * order. The dataset comes a day to a set of files (d01 to d14): several
 * days import as one trace, day after day.
 */
import { empiricalFromPercentiles } from "../../sim/random/distributions/empirical.js";
import type { Sampler, UniformSource } from "../../sim/random/source.js";
import type { RandomStreams } from "../../sim/random/streams.js";
import { csvRecords } from "../csv-records.js";
import { TraceBatch } from "../trace-batch.js";
import { TraceError } from "../reader.js";
import { bandHash, functionBands } from "./duration-band.js";

export interface Azure2019Files {
  /** invocations_per_function_md.anon.dNN.csv */
  readonly invocations: string;
  /** function_durations_percentiles.anon.dNN.csv */
  readonly durations: string;
  /**
   * app_memory_percentiles.anon.dNN.csv: the dataset has them for d01-d12
   * only, so a day may have none (its requests then have no memory measured).
   */
  readonly memory?: string;
}

/**
 * Each day's files from a list of each kind, in day order (as many
 * invocations as durations files; memory may cover only the first days).
 */
export function azure2019Days(
  invocations: readonly string[],
  durations: readonly string[],
  memory: readonly string[],
): Azure2019Files[] {
  return invocations.map((file, d) => ({
    invocations: file,
    durations: durations[d]!,
    ...(memory[d] === undefined ? {} : { memory: memory[d] }),
  }));
}

const MINUTES = 1440;
const BATCH_ROWS = 8192;
const DURATION_Q = [
  ["percentile_Average_0", 0],
  ["percentile_Average_1", 0.01],
  ["percentile_Average_25", 0.25],
  ["percentile_Average_50", 0.5],
  ["percentile_Average_75", 0.75],
  ["percentile_Average_99", 0.99],
  ["percentile_Average_100", 1],
] as const;
// The memory file has no 0th percentile: its 1st stands in for the minimum.
const MEMORY_Q = [
  ["AverageAllocatedMb_pct1", 0],
  ["AverageAllocatedMb_pct5", 0.05],
  ["AverageAllocatedMb_pct25", 0.25],
  ["AverageAllocatedMb_pct50", 0.5],
  ["AverageAllocatedMb_pct75", 0.75],
  ["AverageAllocatedMb_pct95", 0.95],
  ["AverageAllocatedMb_pct99", 0.99],
  ["AverageAllocatedMb_pct100", 1],
] as const;

function numberField(
  file: string,
  line: number,
  rec: Record<string, string>,
  column: string,
): number {
  const v = Number(rec[column]);
  if (!Number.isFinite(v) || v < 0 || (rec[column] ?? "").trim() === "") {
    throw new TraceError(
      file,
      line,
      `${column} is not a non-negative number: "${rec[column] ?? ""}"`,
    );
  }
  return v;
}

function points(
  file: string,
  line: number,
  rec: Record<string, string>,
  qs: readonly (readonly [string, number])[],
) {
  const pts = qs.map(([c, q]) => ({ q, value: numberField(file, line, rec, c) }));
  for (let i = 1; i < pts.length; i++) {
    if (pts[i]!.value < pts[i - 1]!.value) {
      throw new TraceError(file, line, `percentiles decrease: ${qs[i]![0]} < ${qs[i - 1]![0]}`);
    }
  }
  return pts;
}

interface FunctionCounts {
  readonly key: string;
  /** Samplers of its duration (ms) and its app's memory (MB), when the files have them. */
  readonly duration: Sampler | undefined;
  readonly memory: Sampler | undefined;
  /** Non-zero minutes (0-based) and their counts, in minute order. */
  readonly minutes: Int32Array;
  readonly counts: Int32Array;
  /** Its stand-in parameters hashes, by duration band (duration-band.ts). */
  readonly bands: string[];
}

/**
 * Reads the files of one day, or of several days in order, and yields trace
 * rows in arrival order, a minute at a time; `onProgress` is told the share
 * of the minutes done. Day d (from 0) starts at d x 86,400 s. Day 0 draws
 * from `streams` and day d from its child "day-d", so the rows of a day do
 * not depend on which days come after it.
 */
export async function* importAzure2019(
  days: Azure2019Files | readonly Azure2019Files[],
  streams: RandomStreams,
  onProgress?: (fraction: number) => void,
): AsyncGenerator<TraceBatch> {
  const list = "invocations" in days ? [days] : days;
  for (let d = 0; d < list.length; d++) {
    yield* importDay(list[d]!, d === 0 ? streams : streams.child(`day-${d}`), d, (f) =>
      onProgress?.((d + f) / list.length),
    );
  }
}

async function* importDay(
  files: Azure2019Files,
  streams: RandomStreams,
  day: number,
  onProgress: (fraction: number) => void,
): AsyncGenerator<TraceBatch> {
  const durationOf = new Map<string, Sampler>();
  const durationStream = streams.stream("azure2019/duration");
  for await (const { fields, line } of csvRecords(files.durations, [
    "HashOwner",
    "HashApp",
    "HashFunction",
  ])) {
    const key = `${fields.HashOwner}/${fields.HashApp}/${fields.HashFunction}`;
    durationOf.set(
      key,
      empiricalFromPercentiles(durationStream, points(files.durations, line, fields, DURATION_Q)),
    );
  }
  const memoryOf = new Map<string, Sampler>();
  const memoryStream = streams.stream("azure2019/memory");
  const memoryFile = files.memory;
  const memoryRows = memoryFile ? csvRecords(memoryFile, ["HashOwner", "HashApp"]) : [];
  for await (const { fields, line } of memoryRows) {
    memoryOf.set(
      `${fields.HashOwner}/${fields.HashApp}`,
      empiricalFromPercentiles(memoryStream, points(memoryFile!, line, fields, MEMORY_Q)),
    );
  }
  const functions: FunctionCounts[] = [];
  for await (const { fields, line } of csvRecords(files.invocations, [
    "HashOwner",
    "HashApp",
    "HashFunction",
    "1",
    String(MINUTES),
  ])) {
    const minutes: number[] = [];
    const counts: number[] = [];
    for (let m = 1; m <= MINUTES; m++) {
      const raw = fields[String(m)] ?? "";
      const c = Number(raw);
      if (!Number.isInteger(c) || c < 0) {
        throw new TraceError(
          files.invocations,
          line,
          `minute ${m} count is not a whole number >= 0: "${raw}"`,
        );
      }
      if (c > 0) {
        minutes.push(m - 1);
        counts.push(c);
      }
    }
    if (minutes.length === 0) continue;
    const key = `${fields.HashOwner}/${fields.HashApp}/${fields.HashFunction}`;
    functions.push({
      key,
      duration: durationOf.get(key),
      memory: memoryOf.get(`${fields.HashOwner}/${fields.HashApp}`),
      minutes: Int32Array.from(minutes),
      counts: Int32Array.from(counts),
      bands: functionBands(),
    });
  }
  const minuteRows = new MinuteRows(streams);
  const cursor = new Int32Array(functions.length);
  for (let minute = 0; minute < MINUTES; minute++) {
    for (let i = 0; i < functions.length; i++) {
      const f = functions[i]!;
      const k = cursor[i]!;
      if (k >= f.minutes.length || f.minutes[k] !== minute) continue;
      cursor[i] = k + 1;
      minuteRows.add(i, f.counts[k]!);
    }
    const order = minuteRows.draw();
    onProgress((minute + 1) / MINUTES);
    // A busy minute of the real trace holds millions of calls: rows are
    // made and yielded a batch at a time, never a minute's worth at once.
    for (let from = 0; from < order.length; from += BATCH_ROWS) {
      const to = Math.min(order.length, from + BATCH_ROWS);
      const batch = new TraceBatch(to - from);
      for (let n = from; n < to; n++) {
        const f = functions[order.owner[n]!]!;
        // Microsecond resolution is plenty, and short numbers print fast.
        const durationS = f.duration ? Math.round(f.duration() * 1000) / 1e6 : NaN;
        batch.pushMeasured(
          Math.round((day * MINUTES + minute + order.instant[n]!) * 60e6) / 1e6,
          f.key,
          durationS,
          f.memory ? Math.round(f.memory() * 100) / 100 : NaN,
          bandHash(f.bands, f.key, durationS),
        );
      }
      yield batch;
    }
  }
}

/**
 * The invocations of one minute, in order, without sorting: n instants
 * uniform in the minute, sorted, are the normalized partial sums of n + 1
 * exponential spacings; dealing them to the functions in a random order
 * (a shuffle of each function repeated by its count) gives each function
 * independent uniform instants, as drawing them one by one and sorting would.
 */
class MinuteRows {
  private readonly spacing: UniformSource;
  private readonly deal: UniformSource;
  private instants = new Float64Array(1024);
  private owners = new Int32Array(1024);
  private count = 0;

  constructor(streams: RandomStreams) {
    this.spacing = streams.stream("azure2019/instant");
    this.deal = streams.stream("azure2019/order");
  }

  /** Function `owner` is called `calls` times this minute. */
  add(owner: number, calls: number): void {
    this.room(this.count + calls + 1);
    this.owners.fill(owner, this.count, this.count + calls);
    this.count += calls;
  }

  /** This minute's calls in order: fractions of the minute and their functions. */
  draw(): { length: number; instant: Float64Array; owner: Int32Array } {
    const n = this.count;
    this.count = 0;
    const { instants, owners } = this;
    let sum = 0;
    for (let k = 0; k <= n; k++) {
      sum -= Math.log(1 - this.spacing());
      instants[k] = sum;
    }
    for (let k = 0; k < n; k++) instants[k] = instants[k]! / sum;
    for (let k = n - 1; k > 0; k--) {
      const j = Math.floor(this.deal() * (k + 1));
      const o = owners[k]!;
      owners[k] = owners[j]!;
      owners[j] = o;
    }
    return { length: n, instant: instants, owner: owners };
  }

  private room(n: number): void {
    if (n <= this.instants.length) return;
    const size = Math.max(n, this.instants.length * 2);
    const owners = new Int32Array(size);
    owners.set(this.owners.subarray(0, this.count));
    this.owners = owners;
    this.instants = new Float64Array(size);
  }
}
