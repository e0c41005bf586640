/**
 * The behavioral profile database as a policy sees it (seed 004): plain
 * data and interfaces only, so policies/types can name them.
 */

/** The measured quantities a profile keeps, in this order wherever they are listed. */
export const PROFILE_METRICS = [
  "cpuSeconds",
  "peakMemMiB",
  "ioReadBytes",
  "ioWriteBytes",
  "executionS",
] as const;
export type ProfileMetric = (typeof PROFILE_METRICS)[number];

/** One execution of one program, as measured. */
export interface ProfileObservation {
  readonly codeId: string;
  /** "" when the program has no version. */
  readonly codeVersion: string;
  /** When it ended, in seconds (simulated time in a run, the server's clock in production). */
  readonly timestampS: number;
  /** Hash of its input parameters; "" when unknown (it then counts only for the program). */
  readonly inputHash: string;
  readonly cpuSeconds: number;
  readonly peakMemMiB: number;
  readonly ioReadBytes: number;
  readonly ioWriteBytes: number;
  readonly executionS: number;
  /** The repeating usage pattern it belongs to (sequence-id.ts says how it is derived). */
  readonly sequenceId: string;
}

export interface MetricStats {
  readonly mean: number;
  readonly min: number;
  readonly max: number;
  /** Quantiles of the kept sample. */
  readonly p50: number;
  readonly p90: number;
  readonly p99: number;
}

export interface VersionStats {
  readonly codeVersion: string;
  readonly count: number;
  /** The weight each of its observations has in the merged figures (newest version: 1). */
  readonly weight: number;
}

/** A profile: what is known of one program, or of one program on one input. */
export interface ProfileStats {
  readonly codeId: string;
  /** null: over every input. */
  readonly inputHash: string | null;
  /** Observations ever recorded (not only those kept). */
  readonly count: number;
  /** Newest version first. */
  readonly versions: readonly VersionStats[];
  readonly firstS: number;
  readonly lastS: number;
  readonly metrics: Readonly<Record<ProfileMetric, MetricStats>>;
  /** The latest observations, newest first. */
  readonly recent: readonly ProfileObservation[];
  /** The most frequent usage patterns, most frequent first. */
  readonly sequences: readonly { readonly id: string; readonly count: number }[];
}

export interface ProfileQuery {
  readonly codeId: string;
  /** Omitted: the profile over every input. */
  readonly inputHash?: string;
  /** Merge only this many versions, newest first (default: all). */
  readonly versions?: number;
}

/** What a policy gets: synchronous reads of an in-memory snapshot. */
export interface ProfileReader {
  profile(query: ProfileQuery): ProfileStats | undefined;
}

/**
 * A key's kept state: plain JSON, the same in every store. `inputHash` ""
 * is the program's profile over every input.
 */
export interface KeyState {
  readonly codeId: string;
  readonly codeVersion: string;
  readonly inputHash: string;
  count: number;
  /** Store-wide order of its first and latest observation. */
  firstSeq: number;
  lastSeq: number;
  firstS: number;
  lastS: number;
  sum: number[];
  min: number[];
  max: number[];
  /** Reservoir of metric rows (PROFILE_METRICS order), at most `sampleSize`. */
  sample: number[][];
  /** The latest observations with their order, oldest first. */
  recent: { seq: number; obs: ProfileObservation }[];
  /** Misra-Gries counters of sequence ids, at most `sequenceSlots`. */
  sequences: Record<string, number>;
}

/** A whole database as data: what a run starts from. */
export interface ProfileSnapshot {
  /** The order of the latest observation recorded. */
  readonly seq: number;
  /** Sorted by code id, version, input hash. */
  readonly keys: readonly KeyState[];
}

/** How much a profile keeps: every store uses the same, so they agree observation for observation. */
export interface ProfileLimits {
  /** Metric rows kept per key (reservoir sampling). */
  readonly sampleSize: number;
  /** Latest observations kept per key. */
  readonly recentSize: number;
  /** Sequence-id counters kept per key. */
  readonly sequenceSlots: number;
  /** Input hashes kept per program version; the least recently seen goes first. */
  readonly maxInputsPerVersion: number;
  /** Seeds the reservoir's draws. */
  readonly seed: string;
}

/** Every store: writes resolve once durable (the acknowledgement). */
export interface ProfileStore {
  /** The limits the database was made with. */
  readonly limits: ProfileLimits;
  record(observations: readonly ProfileObservation[]): Promise<void>;
  profile(query: ProfileQuery): Promise<ProfileStats | undefined>;
  snapshot(): Promise<ProfileSnapshot>;
  close(): Promise<void>;
}
