/**
 * A request split into tasks (seed 003): its parallel work divided among
 * `count` tasks dispatched through its pool's line to any instances there,
 * the serial part staying with task 0 (Amdahl). The request ends when its
 * last task does: completed if every task did, else with the first
 * failure; it is counted, judged and reported once, with its tasks' use
 * summed (peak memory: the largest).
 */
import type { RequestRecord } from "./summary.js";
import type { Demand, WorkRequest } from "./request.js";

export interface TaskGroup {
  readonly request: WorkRequest;
  readonly count: number;
  /** Tasks not ended yet. */
  remaining: number;
  /** The first way a task failed, or null. */
  failure: Exclude<RequestRecord["outcome"], "completed"> | null;
  /** First start of any task (NaN until one starts); whether any ran cold. */
  firstStartS: number;
  cold: boolean;
  cpuSeconds: number;
  peakMemMiB: number;
  memLimitMiB: number;
  ioReadBytes: number;
  ioWriteBytes: number;
  costUsd: number;
}

export interface TaskOf {
  readonly group: TaskGroup;
  readonly index: number;
}

/** Largest split: tasks are model objects, and a policy's typo must not exhaust memory. */
export const MAX_TASKS = 10_000;

/** The demand of task `index` of `count`: the serial part in task 0, the parallel part shared. */
export function taskDemand(d: Demand, index: number, count: number): Demand {
  const p = d.parallelFraction;
  const serial = index === 0 ? 1 - p : 0;
  const share = serial + p / count;
  const cpuSeconds = d.cpuSeconds * share;
  return {
    ...d,
    cpuSeconds,
    parallelFraction: share > 0 ? p / count / share : 0,
    memMiB: d.memMiB * share,
    ...(d.ioReadBytes === undefined ? {} : { ioReadBytes: d.ioReadBytes / count }),
    ...(d.ioWriteBytes === undefined ? {} : { ioWriteBytes: d.ioWriteBytes / count }),
  };
}

/** The tasks of `request`, which keep its id, class and features. */
export function splitInto(request: WorkRequest, count: number): WorkRequest[] {
  const group: TaskGroup = {
    request,
    count,
    remaining: count,
    failure: null,
    firstStartS: NaN,
    cold: false,
    cpuSeconds: 0,
    peakMemMiB: 0,
    memLimitMiB: 0,
    ioReadBytes: 0,
    ioWriteBytes: 0,
    costUsd: 0,
  };
  return Array.from({ length: count }, (_, index) => ({
    ...request,
    demand: taskDemand(request.demand, index, count),
    task: { group, index },
  }));
}

/** What one task used, added to its group. */
export interface TaskUse {
  readonly cpuSeconds: number;
  readonly peakMemMiB: number;
  readonly memLimitMiB: number;
  readonly ioReadBytes: number;
  readonly ioWriteBytes: number;
  readonly costUsd: number;
}

/**
 * A task ended (`use` null when it never ran: rejected or timed out).
 * Returns true when it was the group's last: the request ends now.
 */
export function taskEnded(
  task: TaskOf,
  outcome: RequestRecord["outcome"],
  use: TaskUse | null,
  cold: boolean,
): boolean {
  const g = task.group;
  g.remaining--;
  if (outcome !== "completed" && g.failure === null) g.failure = outcome;
  if (cold) g.cold = true;
  if (use) {
    g.cpuSeconds += use.cpuSeconds;
    g.peakMemMiB = Math.max(g.peakMemMiB, use.peakMemMiB);
    g.memLimitMiB = Math.max(g.memLimitMiB, use.memLimitMiB);
    g.ioReadBytes += use.ioReadBytes;
    g.ioWriteBytes += use.ioWriteBytes;
    g.costUsd += use.costUsd;
  }
  return g.remaining === 0;
}
