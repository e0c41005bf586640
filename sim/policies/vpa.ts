/**
 * Kubernetes' Vertical Pod Autoscaler on a node pool: each request runs in
 * a container sized by the VPA recommender's target for its function
 * (p90 of its CPU use and of its memory peaks, plus 15%; pieces/vpa), as
 * the admission controller sets a new pod's requests. Until a function has
 * history its containers get the configured initial requests (CPU and
 * memory each until it has samples of its own); an out-of-memory kill bumps
 * its memory history (x 1.2, at least +100 MiB), so the retry is larger.
 * Containers are packed best fit on the pool's VMs; when none has room a VM
 * is added (as the cluster autoscaler does for a pending pod) and the
 * request waits in the pool's line; a VM idle for `scaleDownAfter` (the
 * cluster autoscaler's scale-down-unneeded-time, 10 minutes) is released
 * down to `minInstances`.
 *
 * One deviation, said here: VPA weighs CPU samples by the container's
 * request, so that samples taken after a request grew outweigh the older
 * ones; here each completed execution is one sample of equal weight (its
 * CPU-seconds over its execution time), whatever its container held, since
 * completion feedback does not say what that was.
 */
import { z } from "zod";
import { duration, size } from "../units/fields.js";
import { bestFit } from "./pieces/best-fit.js";
import { releaseAboveMinimum, startNodePool } from "./pieces/node-pool.js";
import {
  EMPTY_HISTORY,
  recommend,
  recordCpu,
  recordMemory,
  recordOutOfMemory,
  VPA_DEFAULTS,
  type VpaHistory,
  type VpaSettings,
} from "./pieces/vpa/recommender.js";
import type { Action, Allocation, Decision, FleetView, InstanceView, Policy } from "./types.js";

const config = z.strictObject({
  /** The VM type of the node pool. */
  type: z.string(),
  minInstances: z.int().nonnegative().default(1),
  maxInstances: z.int().positive().default(100),
  /** Containers one VM runs at once, at most. */
  concurrency: z.int().positive().default(32),
  /** Requests of a function with no history yet. */
  initialCpu: z.number().positive().default(0.5),
  initialMemory: size().prefault("512MiB"),
  /**
   * The most a recommendation may ask for (the VPA resource policy's
   * maxAllowed); absent: a whole VM.
   */
  maxCpu: z.number().positive().optional(),
  maxMemory: size().optional(),
  targetPercentile: z.number().gt(0).lte(1).default(VPA_DEFAULTS.targetPercentile),
  marginFraction: z.number().nonnegative().default(VPA_DEFAULTS.marginFraction),
  halfLife: duration().prefault("24h"),
  scaleDownAfter: duration().prefault("10m"),
});

export type VpaConfig = z.output<typeof config>;

interface State {
  /** Recommender history per function id. */
  readonly histories: Readonly<Record<string, VpaHistory>>;
}

function settings(c: VpaConfig): VpaSettings {
  return {
    ...VPA_DEFAULTS,
    targetPercentile: c.targetPercentile,
    marginFraction: c.marginFraction,
    halfLifeS: c.halfLife,
  };
}

/** The container a request of `functionId` gets now, within one VM. */
function sizeFor(c: VpaConfig, state: State, functionId: number, fleet: FleetView): Allocation {
  const vm = fleet.type(c.type)!;
  const h = state.histories[String(functionId)] ?? EMPTY_HISTORY;
  const r = recommend(settings(c), h, fleet.nowS);
  // Each resource keeps its initial request until it has history of its own.
  const vcpu = h.cpu.total > 0 ? r.cpu.target : c.initialCpu;
  const memMiB = h.mem.total > 0 ? r.memMiB.target : c.initialMemory;
  return {
    vcpu: Math.min(vcpu, c.maxCpu ?? Infinity, vm.vcpu),
    memMiB: Math.min(memMiB, c.maxMemory ?? Infinity, vm.memMiB),
  };
}

function arrival(
  state: State,
  c: VpaConfig,
  functionId: number,
  fleet: FleetView,
): Decision<State> {
  const allocation = sizeFor(c, state, functionId, fleet);
  const instances = fleet.instances("default");
  const vm = fleet.type(c.type)!;
  const fit = bestFit(instances, allocation, () => vm);
  if (fit) return { state, actions: [{ kind: "place", instanceId: fit.id, allocation }] };
  // No room: wait in the line (any VM with room takes it), adding a VM when
  // the line is longer than the VMs booting will take, as the cluster
  // autoscaler adds nodes for pending pods.
  const actions: Action[] = [];
  const booting = instances.filter((i) => i.state === "booting");
  const pool = fleet.pool("default")!;
  const perVm = Math.max(1, Math.min(c.concurrency, Math.floor(vm.vcpu / allocation.vcpu)));
  if (pool.queueLength + 1 > booting.length * perVm && instances.length < c.maxInstances)
    actions.push({ kind: "provision", pool: "default", type: c.type, count: 1 });
  const anchor = booting[0] ?? instances.at(-1);
  if (anchor) actions.push({ kind: "place", instanceId: anchor.id, allocation });
  return { state, actions };
}

function learn(
  state: State,
  c: VpaConfig,
  functionId: number,
  update: (s: VpaSettings, h: VpaHistory) => VpaHistory,
): State {
  const key = String(functionId);
  const h = state.histories[key] ?? EMPTY_HISTORY;
  return { histories: { ...state.histories, [key]: update(settings(c), h) } };
}

function scaleDown(c: VpaConfig, inst: InstanceView, fleet: FleetView): readonly Action[] {
  return releaseAboveMinimum(fleet, "default", inst, c.minInstances, c.scaleDownAfter);
}

export const vpaPolicy: Policy<VpaConfig, State> = {
  name: "vpa",
  description:
    "Kubernetes VPA: containers sized by the recommender's p90 per function, packed on a node pool",
  configSchema: config,
  typesUsed: (c) => [c.type],
  init: (c) => ({
    state: { histories: {} },
    actions: startNodePool({
      pool: "default",
      type: c.type,
      routing: "least-loaded",
      concurrency: c.concurrency,
      minInstances: c.minInstances,
    }),
  }),
  onArrival: (state, c, request, fleet) => arrival(state, c, request.functionId, fleet),
  onIdle: (state, c, inst, fleet) => ({ state, actions: scaleDown(c, inst, fleet) }),
  onCompletion: (state, c, fb, fleet) => {
    const now = fleet.nowS;
    const fn = fb.request.functionId;
    const next =
      fb.outcome === "failed"
        ? learn(state, c, fn, (s, h) => recordOutOfMemory(s, h, fb.peakMemMiB, now))
        : learn(state, c, fn, (s, h) =>
            recordMemory(
              s,
              recordCpu(s, h, fb.serviceS > 0 ? fb.cpuSeconds / fb.serviceS : 0, 1, now),
              fb.peakMemMiB,
              now,
            ),
          );
    return { state: next, actions: [] };
  },
};
