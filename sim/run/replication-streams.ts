/**
 * The one place a job's randomness is derived from the scenario seed: every
 * policy of a replication draws from the same named streams (common random
 * numbers), so differences between policies are theirs, not the dice's.
 */
import { RandomStreams } from "../random/streams.js";

export function replicationStreams(seed: number, replication: number): RandomStreams {
  return new RandomStreams(seed).child(`rep-${replication}`);
}
