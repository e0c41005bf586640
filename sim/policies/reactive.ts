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
import { functionPoolId, routeToFunctionPool } from "./pieces/function-pools.js";
import { keepAlive } from "./pieces/keep-alive.js";
import { releaseOrder } from "./pieces/release-order.js";
import { markOf, utilizationSince, type UtilizationMark } from "./pieces/utilization-window.js";
import type { Action, Decision, FleetView, Policy, PoolView, RequestView } from "./types.js";

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
  syncPeriod: duration().prefault("15s"),
  downscaleStabilization: duration().prefault("5m"),
  concurrency: z.int().positive().default(1),
  routing: z.enum(["round-robin", "least-loaded"]).default("least-loaded"),
});

const faas = z.strictObject({
  mode: z.literal("faas"),
  type: z.string(),
  /** Requests one sandbox serves at once. */
  concurrency: z.int().positive().default(1),
  keepAlive: duration().prefault("10m"),
});

const config = z.discriminatedUnion("mode", [hpa, faas]);
export type ReactiveConfig = z.output<typeof config>;
type HpaConfig = z.output<typeof hpa>;
type FaasConfig = z.output<typeof faas>;

interface State {
  /** HPA: (time, desired) recommendations inside the stabilization window. */
  readonly recommendations: readonly (readonly [number, number])[];
  /** HPA: the pool's slot-second counters at the previous sync. */
  readonly mark?: UtilizationMark;
}

const EMPTY: State = { recommendations: [] };

function alive(pool: PoolView): number {
  return pool.booting + pool.ready;
}

function hpaTick(state: State, c: HpaConfig, fleet: FleetView): Decision<State> {
  const pool = fleet.pool("default")!;
  const current = alive(pool);
  const now = fleet.nowS;
  // As the HPA does with unready pods: booting instances count as idle when
  // deciding to scale up and as on target when deciding to scale down, so
  // capacity still booting neither triggers more nor gets released.
  const busy = utilizationSince(state.mark, pool) * pool.ready;
  const up = current > 0 ? busy / (current * c.targetUtilization) : 0;
  const down =
    current > 0 ? (busy + c.targetUtilization * pool.booting) / (current * c.targetUtilization) : 0;
  let desired = current;
  if (current === 0) desired = pool.queueLength > 0 ? 1 : 0;
  else if (up > 1 + c.tolerance) desired = Math.ceil(current * up);
  else if (down < 1 - c.tolerance) desired = Math.ceil(current * down);
  desired = Math.min(c.maxInstances, Math.max(c.minInstances, desired));
  const recommendations = [...state.recommendations, [now, desired] as const].filter(
    ([t]) => t > now - c.downscaleStabilization,
  );
  if (desired < current) desired = Math.max(...recommendations.map(([, d]) => d));
  const next: State = { recommendations, mark: markOf(pool) };
  if (desired > current)
    return {
      state: next,
      actions: [{ kind: "provision", pool: "default", type: c.type, count: desired - current }],
    };
  if (desired < current) {
    const victims = releaseOrder(fleet.instances("default")).slice(0, current - desired);
    return { state: next, actions: victims.map((i) => ({ kind: "release", instanceId: i.id })) };
  }
  return { state: next, actions: [] };
}

function faasArrival(
  state: State,
  c: FaasConfig,
  request: RequestView,
  fleet: FleetView,
): Decision<State> {
  const fn = request.functionId;
  const id = functionPoolId(fn);
  const pool = fleet.pool(id);
  const free = pool ? pool.freeSlots + pool.bootingSlots - pool.queueLength : 0;
  // Most arrivals find a slot: one shared, frozen route and nothing else.
  if (free > 0) return { state, actions: routeToFunctionPool(fn) };
  const actions: Action[] = [];
  if (!pool)
    actions.push({
      kind: "pool",
      pool: id,
      functionId: fn,
      routing: "newest-idle-first",
      concurrency: c.concurrency,
    });
  actions.push({ kind: "provision", pool: id, type: c.type, count: 1, forRequestId: request.id });
  actions.push(...routeToFunctionPool(fn));
  return { state, actions };
}

const ROUTE_DEFAULT: readonly Action[] = [{ kind: "route", pool: "default" }];
const NOTHING: readonly Action[] = [];

export const reactivePolicy: Policy<ReactiveConfig, State> = {
  name: "reactive",
  description: "HPA-style target utilization, or FaaS-style scale from zero with keep-alive",
  configSchema: config,
  typesUsed: (c) => [c.type],
  // HPA sends every request to its one pool and keeps idle instances.
  ignores: (c) => (c.mode === "hpa" ? ["arrival", "idle"] : []),
  init(c) {
    if (c.mode === "faas") return { state: EMPTY, actions: [] };
    const initial = c.initialInstances ?? c.minInstances;
    const actions: Action[] = [
      { kind: "pool", pool: "default", routing: c.routing, concurrency: c.concurrency },
    ];
    if (initial > 0)
      actions.push({
        kind: "provision",
        pool: "default",
        type: c.type,
        count: initial,
        prewarmed: c.prewarmed,
      });
    return { state: EMPTY, actions };
  },
  tickS: (c) => (c.mode === "hpa" ? c.syncPeriod : Infinity),
  onTick: (state, c, fleet) =>
    c.mode === "hpa" ? hpaTick(state, c, fleet) : { state, actions: NOTHING },
  onArrival: (state, c, request, fleet) =>
    c.mode === "faas" ? faasArrival(state, c, request, fleet) : { state, actions: ROUTE_DEFAULT },
  // What onIdle below decides in FaaS mode, declared so the model need not ask per idle sandbox.
  idleKeepAliveS: (c) => (c.mode === "faas" ? c.keepAlive : undefined),
  onIdle: (state, c, instance) => ({
    state,
    actions: c.mode === "faas" ? [keepAlive(instance, c.keepAlive)] : NOTHING,
  }),
};
