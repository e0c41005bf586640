/**
 * How many tasks are worth splitting a request into (Amdahl): with a
 * parallel share p, k tasks speed it up by 1 / ((1 - p) + p / k), and each
 * task's efficiency is that over k. The serial share caps the useful
 * tasks: the largest k whose efficiency stays at least `efficiency`. Each
 * critical section serializes the tasks that enter it, so it divides the
 * cap (a lock held by one task of k idles the others).
 */
export function usefulTasks(
  parallelism: number,
  criticalSections: number,
  efficiency: number,
  maxTasks: number,
): number {
  const p = Math.min(1, Math.max(0, parallelism));
  if (p === 0) return 1;
  // speedup(k) / k >= e  <=>  k (1 - p) + p <= 1 / e  <=>  k <= (1 / e - p) / (1 - p).
  const byAmdahl = p === 1 ? maxTasks : Math.floor((1 / efficiency - p) / (1 - p) + 1e-9);
  const byLocks = Math.floor(maxTasks / (1 + criticalSections));
  return Math.max(1, Math.min(maxTasks, byAmdahl, byLocks));
}
