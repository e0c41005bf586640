/**
 * A sweep as a SLURM job array: one array task per shard. The shard is the
 * task's id less the array's first id (SLURM_ARRAY_TASK_ID -
 * SLURM_ARRAY_TASK_MIN), so the script works when submitted with its own
 * --array=0-(n-1) and when given another range of n ids on the command line.
 */
export interface SlurmOptions {
  readonly name: string;
  /** The scenario file as the nodes see it (a shared file system), and where shards go. */
  readonly scenario: string;
  readonly results: string;
  readonly shards: number;
  /** CPUs per task, and worker threads. */
  readonly workers: number;
  /** sbatch --time for one shard. */
  readonly time: string;
}

const quoted = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`;

export function slurmScript(o: SlurmOptions): string {
  return `#!/bin/bash
#SBATCH --job-name=${o.name}
#SBATCH --array=0-${o.shards - 1}
#SBATCH --cpus-per-task=${o.workers}
#SBATCH --time=${o.time}
#SBATCH --output=${o.results}/slurm-%A_%a.out
# ${o.shards} shards of ${o.scenario}; when all have ended:
#   sim merge ${o.results}/shard-* --out ${o.results}/merged
set -euo pipefail

SHARDS=${o.shards}
SCENARIO=${quoted(o.scenario)}
RESULTS=${quoted(o.results)}

if [ -z "\${SLURM_ARRAY_TASK_ID:-}" ]; then
  echo "SLURM_ARRAY_TASK_ID is not set: submit this with sbatch, as an array job" >&2
  exit 2
fi
if [ -n "\${SLURM_ARRAY_TASK_COUNT:-}" ] && [ "$SLURM_ARRAY_TASK_COUNT" -ne "$SHARDS" ]; then
  echo "the array has $SLURM_ARRAY_TASK_COUNT tasks; this sweep is split into $SHARDS shards" >&2
  exit 2
fi
shard=$(( SLURM_ARRAY_TASK_ID - \${SLURM_ARRAY_TASK_MIN:-0} ))
if [ "$shard" -lt 0 ] || [ "$shard" -ge "$SHARDS" ]; then
  echo "array task $SLURM_ARRAY_TASK_ID is shard $shard, outside 0..$(( SHARDS - 1 ))" >&2
  exit 2
fi

mkdir -p "$RESULTS"
exec sim run "$SCENARIO" --shard "$shard/$SHARDS" --workers "\${SLURM_CPUS_PER_TASK:-${o.workers}}" \\
  --out "$RESULTS/shard-$shard"
`;
}
