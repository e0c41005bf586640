/** `--shard i/n`: jobs whose index is i modulo n, so every shard gets points of every kind. */
import { UsageError } from "./usage-error.js";

export interface Shard {
  /** From 0, as a Kubernetes completion index or a SLURM array task id counts. */
  readonly index: number;
  readonly count: number;
}

export function parseShard(text: string): Shard {
  const m = /^(\d+)\/(\d+)$/.exec(text.trim());
  const index = m ? Number(m[1]) : NaN;
  const count = m ? Number(m[2]) : NaN;
  if (!m || !Number.isSafeInteger(count) || count < 1 || !(index < count))
    throw new UsageError(
      `--shard "${text}": give i/n with 0 <= i < n (shards count from 0, as a completion index or array task id does)`,
    );
  return { index, count };
}

/** The positions of the jobs `shard` runs, out of `total`. */
export function shardJobs(total: number, shard: Shard): number[] {
  const out: number[] = [];
  for (let i = shard.index; i < total; i += shard.count) out.push(i);
  return out;
}
