/**
 * `sim merge`: the shards of one sweep back into its whole result, job by
 * job, so the merged report is the bytes of the unsharded run. Every shard
 * must be of the same scenario and sweep, each index once, none missing.
 */
import type { PoolOutcome } from "./pool-job.js";
import { shardJobs, type Shard } from "./shard.js";
import type { SweepFrame } from "./sweep-frame.js";
import { UsageError } from "./usage-error.js";

export const SHARD_FORMAT = "provisim-sweep-shard";

/** What shard.json holds. */
export interface ShardFile {
  readonly format: typeof SHARD_FORMAT;
  readonly shard: Shard;
  readonly frame: SweepFrame;
  /** The outcomes of this shard's jobs, in the order of shardJobs. */
  readonly outcomes: readonly PoolOutcome[];
}

export interface ShardInput {
  /** Where it came from, for messages. */
  readonly dir: string;
  readonly data: unknown;
}

function checked(s: ShardInput): ShardFile {
  const d = s.data as Partial<ShardFile> | null;
  if (!d || d.format !== SHARD_FORMAT || !d.frame || !d.shard || !Array.isArray(d.outcomes))
    throw new UsageError(`${s.dir}: shard.json is not a sweep shard's (run sim run --shard i/n)`);
  const expected = shardJobs(d.frame.jobs.length, d.shard).length;
  if (d.outcomes.length !== expected)
    throw new UsageError(
      `${s.dir}: shard ${d.shard.index}/${d.shard.count} holds ${d.outcomes.length} results where it should hold ${expected}`,
    );
  return d as ShardFile;
}

export function mergeShards(inputs: readonly ShardInput[]): {
  frame: SweepFrame;
  outcomes: PoolOutcome[];
} {
  if (inputs.length === 0) throw new UsageError("name the shard directories to merge");
  const shards = inputs.map(checked);
  const first = shards[0]!;
  const firstDir = inputs[0]!.dir;
  const frameText = JSON.stringify(first.frame);
  const byIndex = new Map<number, string>();
  shards.forEach((s, k) => {
    const dir = inputs[k]!.dir;
    if (s.frame.scenario.hash !== first.frame.scenario.hash)
      throw new UsageError(
        `${dir} is a shard of another scenario than ${firstDir} (scenario hash ${s.frame.scenario.hash.slice(0, 12)} vs ${first.frame.scenario.hash.slice(0, 12)}: its text or options differ)`,
      );
    if (s.shard.count !== first.shard.count)
      throw new UsageError(
        `${dir} is shard ${s.shard.index}/${s.shard.count}, ${firstDir} is of ${first.shard.count} shards: merge shards of one split`,
      );
    if (JSON.stringify(s.frame) !== frameText)
      throw new UsageError(
        `${dir} and ${firstDir} expand the same scenario into different jobs (made by different provisim versions?)`,
      );
    const seen = byIndex.get(s.shard.index);
    if (seen !== undefined)
      throw new UsageError(
        `shard ${s.shard.index}/${s.shard.count} is given twice: ${seen} and ${dir}`,
      );
    byIndex.set(s.shard.index, dir);
  });
  const count = first.shard.count;
  const missing = [...Array(count).keys()].filter((i) => !byIndex.has(i));
  if (missing.length > 0)
    throw new UsageError(
      `missing shard${missing.length === 1 ? "" : "s"} ${missing.map((i) => `${i}/${count}`).join(", ")} (have ${[
        ...byIndex.keys(),
      ]
        .sort((a, b) => a - b)
        .map((i) => `${i}/${count}`)
        .join(", ")})`,
    );
  const outcomes: PoolOutcome[] = new Array(first.frame.jobs.length);
  for (const s of shards) {
    shardJobs(first.frame.jobs.length, s.shard).forEach(
      (job, k) => (outcomes[job] = s.outcomes[k]!),
    );
  }
  return { frame: first.frame, outcomes };
}
