/** The behavioral profile database without its I/O-bearing stores (those are in stores/). */
export * from "./types.js";
export { DEFAULT_LIMITS, profileLimits, type ProfileLimits } from "./limits.js";
export { ProfileBook } from "./profile-book.js";
export { MemoryProfileStore } from "./memory-store.js";
export { mergeVersions, VERSION_DECAY } from "./merge-versions.js";
export { SequenceTracker, usageSignature, SEQUENCE_LENGTH } from "./sequence-id.js";
export { codeIdOf, observationFromFeedback } from "./from-feedback.js";
export { RunProfiles, snapshotEndS } from "./run-profiles.js";
