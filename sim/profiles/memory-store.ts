import { checkObservation } from "./observation.js";
import { ProfileBook } from "./profile-book.js";
import type { ProfileLimits } from "./limits.js";
import type { ProfileObservation, ProfileQuery, ProfileSnapshot, ProfileStats } from "./types.js";
import type { ProfileStore } from "./types.js";

/** The in-memory store behind the async interface; `book` is its synchronous fast path. */
export class MemoryProfileStore implements ProfileStore {
  readonly book: ProfileBook;

  constructor(limits: Partial<ProfileLimits> = {}, snapshot?: ProfileSnapshot) {
    this.book = new ProfileBook(limits, snapshot);
  }

  get limits(): ProfileLimits {
    return this.book.limits;
  }

  async record(observations: readonly ProfileObservation[]): Promise<void> {
    // All checked first: a bad one in a batch records none of it.
    for (const o of observations) checkObservation(o);
    for (const o of observations) this.book.record(o);
  }

  async profile(query: ProfileQuery): Promise<ProfileStats | undefined> {
    return this.book.profile(query);
  }

  async snapshot(): Promise<ProfileSnapshot> {
    return this.book.snapshot();
  }

  async close(): Promise<void> {}
}
