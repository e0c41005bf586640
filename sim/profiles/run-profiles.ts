/**
 * The profiles of one simulated run (one job): a private book, loaded from
 * the snapshot the run started from, that the model records every completion
 * into, and that the job's policy reads through its context. What the job
 * observed is kept in order, to be saved once the run is over.
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

  constructor(snapshot?: ProfileSnapshot, limits: Partial<ProfileLimits> = {}) {
    this.book = new ProfileBook(limits, snapshot);
  }

  completed(feedback: CompletionFeedback, nowS: number): void {
    const o = observationFromFeedback(feedback, nowS, this.sequences);
    if (!o) return;
    this.book.record(o);
    this.seen.push(o);
  }

  /** What this run observed, in the order it did. */
  get observations(): readonly ProfileObservation[] {
    return this.seen;
  }
}
