/**
 * `--profiles DB` around a run: the store is read into a snapshot before any
 * job runs, every job starts from that same snapshot (so jobs are independent
 * and the results are the same bytes for the same database contents,
 * whatever the order or number of jobs), and what the run learned is saved
 * after the last job, in one write, in a fixed order.
 *
 * What is saved: the observations of the scenario's first policy, every
 * replication in order, each in the order its completions happened. Every
 * policy runs the same programs on the same inputs; saving each policy's
 * would count each execution once per policy.
 */
import { openProfileStore } from "../profiles/stores/open-store.js";
import type { ProfileLimits, ProfileObservation, ProfileSnapshot } from "../profiles/types.js";
import type { JobResult } from "./run-job.js";

export interface StartingProfiles {
  readonly snapshot: ProfileSnapshot;
  readonly limits: ProfileLimits;
}

export interface ProfilesUsed {
  /** What was given: a file or a URL (its password hidden). */
  readonly store: string;
  /** Observations the database held at the start, and its programs. */
  readonly startObservations: number;
  readonly startPrograms: number;
  /** Observations this run saved. */
  readonly saved: number;
}

export async function loadProfiles(spec: string): Promise<StartingProfiles> {
  const store = await openProfileStore(spec);
  try {
    const snapshot = await store.snapshot();
    return { snapshot, limits: store.limits };
  } finally {
    await store.close();
  }
}

/** The observations to save, from the jobs in their order. */
export function learnedObservations(results: readonly JobResult[]): ProfileObservation[] {
  return results
    .filter((r) => r.job.policyIndex === 0)
    .sort((a, b) => a.job.replication - b.job.replication)
    .flatMap((r) => [...r.observations]);
}

export async function saveProfiles(
  spec: string,
  observations: readonly ProfileObservation[],
): Promise<void> {
  const store = await openProfileStore(spec);
  try {
    await store.record(observations);
  } finally {
    await store.close();
  }
}

export function profilesUsed(spec: string, start: StartingProfiles, saved: number): ProfilesUsed {
  const programs = new Set(start.snapshot.keys.map((k) => k.codeId));
  const observations = start.snapshot.keys
    .filter((k) => k.inputHash === "")
    .reduce((a, k) => a + k.count, 0);
  return {
    store: spec.replace(/(postgres(?:ql)?:\/\/[^:/@]*:)[^@]*@/i, "$1***@"),
    startObservations: observations,
    startPrograms: programs.size,
    saved,
  };
}
