/**
 * Reactive scaling, two well-known designs:
 * - "hpa": Kubernetes' Horizontal Pod Autoscaler. Every sync period,
 *   desired = ceil(current x utilization / target), unless the ratio is
 *   within the tolerance; scale-down takes the highest recommendation of the
 *   stabilization window.
 * - "faas": scale from zero per function. An arrival that finds no free
 *   slot (idle, or coming with a boot already under way) starts a new
 *   sandbox for itself and runs there, a cold start, as on the platforms
 *   (a slot freeing elsewhere during the boot does not take it); an idle
 *   sandbox is kept for the keep-alive time; routing packs onto the newest
 *   idle sandbox so older ones expire.
 */
import { z } from "zod";
import { duration } from "../units/fields.js";
import type { Action, FleetView, InstanceView, Policy, PoolView, RequestView } from "./types.js";

const hpa = z.strictObject({
  mode: z.literal("hpa"),
  type: z.string(),
  minInstances: z.int().nonnegative().default(1),
  maxInstances: z.int().positive().default(100),
  initialInstances: z.int().nonnegative().optional(),
  /** The initial instances are already running at the start. */
  prewarmed: z.boolean().default(true),
  /** Target busy share of request slots. */
  targetUtilization: z.number().gt(0).lte(1).default(0.6),
  tolerance: z.number().nonnegative().default(0.1),
  syncPeriod: duration().default(15),
  downscaleStabilization: duration().default(300),
  concurrency: z.int().positive().default(1),
  routing: z.enum(["round-robin", "least-loaded"]).default("least-loaded"),
});

const faas = z.strictObject({
  mode: z.literal("faas"),
  type: z.string(),
  /** Requests one sandbox serves at once. */
  concurrency: z.int().positive().default(1),
  keepAlive: duration().default(600),
});

const config = z.discriminatedUnion("mode", [hpa, faas]);
export type ReactiveConfig = z.output<typeof config>;
type HpaConfig = z.output<typeof hpa>;

interface State {
  /** HPA: (time, desired) recommendations inside the stabilization window. */
  recommendations: [number, number][];
}

const ROUTE_DEFAULT: readonly Action[] = [{ kind: "route", pool: "default" }];

function alive(pool: PoolView): number {
  return pool.booting + pool.ready;
}

function hpaTick(state: State, c: HpaConfig, fleet: FleetView): Action[] {
  const pool = fleet.pools.get("default")!;
  const current = alive(pool);
  const now = fleet.nowS;
  // As the HPA does with unready pods: booting instances count as idle when
  // deciding to scale up and as on target when deciding to scale down, so
  // capacity still booting neither triggers more nor gets released.
  const busy = pool.utilizationSinceTick * pool.ready;
  const up = current > 0 ? busy / (current * c.targetUtilization) : 0;
  const down =
    current > 0 ? (busy + c.targetUtilization * pool.booting) / (current * c.targetUtilization) : 0;
  let desired = current;
  if (current === 0) desired = pool.queueLength > 0 ? 1 : 0;
  else if (up > 1 + c.tolerance) desired = Math.ceil(current * up);
  else if (down < 1 - c.tolerance) desired = Math.ceil(current * down);
  desired = Math.min(c.maxInstances, Math.max(c.minInstances, desired));
  state.recommendations.push([now, desired]);
  state.recommendations = state.recommendations.filter(([t]) => t > now - c.downscaleStabilization);
  if (desired < current) desired = Math.max(...state.recommendations.map(([, d]) => d));
  if (desired > current)
    return [{ kind: "provision", pool: "default", type: c.type, count: desired - current }];
  if (desired < current) {
    return releaseOrder(pool.instances)
      .slice(0, current - desired)
      .map((i) => ({ kind: "release", instanceId: i.id }));
  }
  return [];
}

/** Scale-in victims: booting first, then idle, then the least busy; newest first within each. */
function releaseOrder(instances: readonly InstanceView[]): InstanceView[] {
  const rank = (i: InstanceView) => (i.state === "booting" ? 0 : i.state === "idle" ? 1 : 2);
  return instances
    .filter((i) => i.state !== "draining" && i.state !== "terminated")
    .sort((a, b) => rank(a) - rank(b) || a.busySlots - b.busySlots || b.id - a.id);
}

function faasArrival(
  c: z.output<typeof faas>,
  request: RequestView,
  fleet: FleetView,
): readonly Action[] {
  const id = `fn-${request.functionId}`;
  const pool = fleet.pools.get(id);
  const actions: Action[] = [];
  if (!pool) {
    actions.push({
      kind: "pool",
      pool: id,
      functionId: request.functionId,
      routing: "newest-idle-first",
      concurrency: c.concurrency,
      idleTimeoutS: c.keepAlive,
    });
  }
  const free = pool ? pool.freeSlots + pool.bootingSlots - pool.queueLength : 0;
  if (free <= 0)
    actions.push({ kind: "provision", pool: id, type: c.type, count: 1, forRequestId: request.id });
  actions.push({ kind: "route", pool: id });
  return actions;
}

export const reactivePolicy: Policy<ReactiveConfig, State> = {
  name: "reactive",
  description: "HPA-style target utilization, or FaaS-style scale from zero with keep-alive",
  configSchema: config,
  typesUsed: (c) => [c.type],
  init(c) {
    if (c.mode === "faas") return { state: { recommendations: [] }, actions: [] };
    const initial = c.initialInstances ?? c.minInstances;
    const actions: Action[] = [
      { kind: "pool", pool: "default", routing: c.routing, concurrency: c.concurrency },
    ];
    if (initial > 0)
      actions.push({ kind: "provision", pool: "default", type: c.type, count: initial });
    return { state: { recommendations: [] }, actions };
  },
  tickS: (c) => (c.mode === "hpa" ? c.syncPeriod : Infinity),
  onTick: (state, c, fleet) => (c.mode === "hpa" ? hpaTick(state, c, fleet) : []),
  onArrival: (_state, c, request, fleet) =>
    c.mode === "faas" ? faasArrival(c, request, fleet) : ROUTE_DEFAULT,
};
