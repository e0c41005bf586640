/**
 * A node pool of VMs that containers are packed on (the policies that
 * allocate per request share it): defined once with its standing minimum,
 * and released VM by VM after an idle spell, never below that minimum.
 */
import { keepAlive } from "./keep-alive.js";
import type { Action, FleetView, InstanceView, Routing } from "../types.js";

export interface NodePoolSpec {
  readonly pool: string;
  readonly type: string;
  readonly routing: Routing;
  readonly concurrency: number;
  /** VMs already running when the run starts, and kept however idle. */
  readonly minInstances: number;
  /** How the line is served (PoolSettings.line); in order when absent. */
  readonly line?: "in-order" | "backfill";
}

/** The pool and its standing VMs: the actions of `init`. */
export function startNodePool(p: NodePoolSpec): Action[] {
  const actions: Action[] = [
    {
      kind: "pool",
      pool: p.pool,
      routing: p.routing,
      concurrency: p.concurrency,
      ...(p.line ? { line: p.line } : {}),
    },
  ];
  if (p.minInstances > 0)
    actions.push({
      kind: "provision",
      pool: p.pool,
      type: p.type,
      count: p.minInstances,
      prewarmed: true,
    });
  return actions;
}

/** From onIdle: keep the idle VM `afterS`, then release it, unless the pool is at its minimum. */
export function releaseAboveMinimum(
  fleet: FleetView,
  pool: string,
  inst: InstanceView,
  minInstances: number,
  afterS: number,
): Action[] {
  const alive = fleet.instances(pool).filter((i) => i.state !== "draining").length;
  return alive > minInstances ? [keepAlive(inst, afterS)] : [];
}
