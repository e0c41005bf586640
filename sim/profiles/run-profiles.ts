/**
 * The profiles of one simulated run (one job): a private book, loaded from
 * the snapshot the run started from, that the model records every completion
 * into, and that the job's policy reads through its context. What the job
 * observed is kept in order, to be saved once the run is over.
 *
 * Timestamps continue the database's clock: a job's observation at
 * simulated time t is stamped startS + t, startS being the latest timestamp
 * the snapshot holds plus the job's replication times the horizon, so runs
 * saved one after another, and a run's replications, follow each other.
 */
import type { CompletionFeedback } from "../policies/types.js";
import { observationFromFeedback } from "./from-feedback.js";
import type { ProfileLimits } from "./limits.js";
import { ProfileBook } from "./profile-book.js";
import { SequenceTracker } from "./sequence-id.js";
import type { ProfileObservation, ProfileSnapshot } from "./types.js";

export class RunProfiles {
  readonly book: ProfileBook;
  private readonly sequences = new SequenceTracker();
  private readonly seen: ProfileObservation[] = [];

  constructor(
    snapshot: ProfileSnapshot | undefined,
    limits: Partial<ProfileLimits>,
    private readonly startS: number,
  ) {
    this.book = new ProfileBook(limits, snapshot);
  }

  /** Records a completion; the observation made of it, or undefined when it makes none. */
  completed(feedback: CompletionFeedback, nowS: number): ProfileObservation | undefined {
    const o = observationFromFeedback(feedback, this.startS + nowS, this.sequences);
    if (!o) return undefined;
    this.book.record(o);
    this.seen.push(o);
    return o;
  }

  /** What this run observed, in the order it did. */
  get observations(): readonly ProfileObservation[] {
    return this.seen;
  }
}

/** The latest timestamp a snapshot holds (0 when empty): where the next run's clock starts. */
export function snapshotEndS(snapshot: ProfileSnapshot): number {
  let end = 0;
  for (const k of snapshot.keys) if (k.count > 0 && k.lastS > end) end = k.lastS;
  return end;
}
