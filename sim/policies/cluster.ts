/**
 * Seed 003's cluster resource manager. Each request's container is built
 * from the analyzer's resource demand profile (its code features): CPU
 * from the profile's core range, a memory limit from its memory range (a
 * task's share of it for a split request; once a function has run, from
 * the largest peak it or its largest task showed: the usage that deviated
 * from the profile), bandwidth from its network estimate. Code
 * whose profile says it parallelizes is split into tasks (the Amdahl cap
 * of pieces/cluster/useful-tasks.ts: the serial share and critical sections
 * limit them), each in a one-task container, dispatched by the pool's
 * routing (round-robin or least-loaded) across the VMs with room; the rest
 * is placed best fit. When the cluster has no room, VMs of the catalog type
 * cheapest per container are added (requests of a priority below
 * `scaleOutPriority` wait for room instead); a VM idle for `scaleDownAfter`
 * is released. A running container whose memory nears its limit is grown
 * in place.
 *
 * Packing is online best fit, not best-fit decreasing: requests come one
 * at a time and must start at once or wait in the line, so there is no
 * batch to sort; the line itself is served by priority (the model's
 * service-class lines). The IOPS estimate has no resource in the model to
 * bound, so it is read and unused.
 */
import { z } from "zod";
import { duration, size } from "../units/fields.js";
import { bestFit } from "./pieces/best-fit.js";
import { cheapestType, containersOn } from "./pieces/cluster/cheapest-type.js";
import { demandProfile } from "./pieces/cluster/demand-profile.js";
import { usefulTasks } from "./pieces/cluster/useful-tasks.js";
import { releaseAboveMinimum, startNodePool } from "./pieces/node-pool.js";
import type {
  Action,
  Allocation,
  Decision,
  FleetView,
  InstanceView,
  Policy,
  RequestView,
} from "./types.js";

const POOL = "default";

const config = z.strictObject({
  /** The VM types the cluster may run; the first is the one it starts with. */
  types: z.array(z.string()).min(1),
  minInstances: z.int().nonnegative().default(1),
  maxInstances: z.int().positive().default(50),
  /** Containers one VM runs at once, at most. */
  concurrency: z.int().positive().default(32),
  /** How the dispatcher gives tasks (and waiting requests) to VMs. */
  dispatch: z.enum(["round-robin", "least-loaded"]).default("least-loaded"),
  /** Split only code whose profile's parallelism is at least this. */
  minParallelism: z.number().min(0).max(1).default(0.5),
  /** The least parallel efficiency (speed-up per task) a split may have. */
  efficiency: z.number().gt(0).lte(1).default(0.7),
  maxTasks: z.int().positive().default(8),
  /** vCPU of each task's container. */
  taskCpu: z.number().positive().default(1),
  /** Memory limits are the profile's (or the peak seen) times this. */
  memoryMargin: z.number().min(1).default(1.2),
  /** The most memory a container gets from the profile alone (its range can be wide). */
  maxProfileMemory: size().prefault("2GiB"),
  /** The container of a request with no analysis. */
  defaultCpu: z.number().positive().default(1),
  defaultMemory: size().prefault("512MiB"),
  /** Requests of a lower priority do not scale the cluster out: they wait for room. */
  scaleOutPriority: z.int().default(0),
  scaleDownAfter: duration().prefault("5m"),
  /**
   * Every `scaleInEvery`, VMs are drained while the vCPU the containers hold
   * would stay under `targetUtilization` of what is left (the dispatcher
   * spreads work, so a VM is seldom idle for long).
   */
  scaleInEvery: duration().prefault("30s"),
  targetUtilization: z.number().gt(0).lte(1).default(0.7),
  /** Seconds between usage samples of a running request. */
  usageEvery: duration().prefault("2s"),
  /** Grow a container's memory when use passes this share of its limit, by this factor. */
  growAt: z.number().gt(0).lt(1).default(0.85),
  growBy: z.number().gt(1).default(1.5),
});

export type ClusterConfig = z.output<typeof config>;

interface State {
  /** The largest memory peak seen per function id (MiB), of the request or its largest task. */
  readonly peaks: Readonly<Record<string, number>>;
  /** Running requests whose container is being grown, and to what (MiB). */
  readonly growing: Readonly<Record<string, number>>;
}

/** How a request runs: in how many tasks, each in which container. */
interface Plan {
  readonly tasks: number;
  readonly allocation: Allocation;
}

function plan(c: ClusterConfig, state: State, r: RequestView, fleet: FleetView): Plan {
  const rdp = demandProfile(r.features);
  const learned = state.peaks[String(r.functionId)];
  const retryAt = r.outOfMemoryAtMiB ?? 0;
  const memFrom = (profileMiB: number) =>
    Math.max(learned !== undefined ? learned * c.memoryMargin : profileMiB, retryAt * c.growBy);
  let p: Plan;
  if (!rdp) {
    p = { tasks: 1, allocation: { vcpu: c.defaultCpu, memMiB: memFrom(c.defaultMemory) } };
  } else {
    const tasks =
      rdp.parallelism >= c.minParallelism
        ? usefulTasks(rdp.parallelism, rdp.criticalSections, c.efficiency, c.maxTasks)
        : 1;
    const vcpu = tasks > 1 ? c.taskCpu : rdp.cpuCores.min;
    // Task 0 holds the largest share of the memory: the serial part's and its parallel share.
    const share = tasks > 1 ? 1 - rdp.parallelism + rdp.parallelism / tasks : 1;
    const whole = Math.min(c.maxProfileMemory, rdp.memoryMiB.max * c.memoryMargin);
    const memMiB = memFrom(whole * share);
    const net = rdp.networkMbps > 0 ? { networkMbps: rdp.networkMbps } : {};
    p = { tasks, allocation: { vcpu, memMiB, ...net } };
  }
  return { tasks: p.tasks, allocation: withinLargest(c, p.allocation, fleet) };
}

/** An allocation cut down to the largest of the cluster's types, so some VM can hold it. */
function withinLargest(c: ClusterConfig, a: Allocation, fleet: FleetView): Allocation {
  let vcpu = 0;
  let memMiB = 0;
  let networkMbps = 0;
  for (const name of c.types) {
    const t = fleet.type(name)!;
    vcpu = Math.max(vcpu, t.vcpu);
    memMiB = Math.max(memMiB, t.memMiB);
    networkMbps = Math.max(networkMbps, t.networkMbps);
  }
  return {
    vcpu: Math.min(a.vcpu, vcpu),
    memMiB: Math.min(a.memMiB, memMiB),
    ...(a.networkMbps === undefined ? {} : { networkMbps: Math.min(a.networkMbps, networkMbps) }),
  };
}

/** Containers of `a` that fit on an instance now. */
function roomFor(inst: InstanceView, a: Allocation): number {
  if (inst.state !== "idle" && inst.state !== "busy") return 0;
  const f = inst.free;
  const n = Math.min(
    inst.freeSlots,
    Math.floor(f.vcpu / a.vcpu + 1e-9),
    Math.floor(f.memMiB / a.memMiB + 1e-9),
    a.networkMbps ? Math.floor(f.networkMbps / a.networkMbps + 1e-9) : Infinity,
  );
  return Math.max(0, n);
}

/**
 * VMs to add so that `needed` containers of `a`, behind what already
 * waits, find room: the booting VMs' room counted, the cheapest type per
 * container, within `maxInstances`.
 */
function scaleOut(
  c: ClusterConfig,
  fleet: FleetView,
  instances: readonly InstanceView[],
  a: Allocation,
  needed: number,
): Action[] {
  let roomNow = 0;
  let roomBooting = 0;
  for (const inst of instances) {
    if (inst.state === "booting")
      roomBooting += containersOn(fleet.type(inst.typeName)!, a, c.concurrency);
    else roomNow += roomFor(inst, a);
  }
  // Only a line that outlasts the room now and booting adds VMs: a burst of
  // short tasks waits a moment instead of buying a VM that boots after it.
  const waiting = fleet.pool(POOL)!.queueLength;
  const short = waiting > 0 ? waiting + needed - roomNow - roomBooting : 0;
  if (short <= 0) return [];
  const type = cheapestType(c.types, a, c.concurrency, fleet);
  if (!type) return [];
  const alive = instances.filter((i) => i.state !== "draining").length;
  const count = Math.min(
    Math.ceil(short / containersOn(type, a, c.concurrency)),
    c.maxInstances - alive,
  );
  return count > 0 ? [{ kind: "provision", pool: POOL, type: type.name, count }] : [];
}

function arrival(
  state: State,
  c: ClusterConfig,
  r: RequestView,
  fleet: FleetView,
): Decision<State> {
  const { tasks, allocation } = plan(c, state, r, fleet);
  const instances = fleet.instances(POOL);
  const mayGrow = (r.priority ?? 0) >= c.scaleOutPriority;
  if (tasks > 1) {
    const actions: Action[] = [
      { kind: "split", tasks, allocation },
      { kind: "route", pool: POOL },
    ];
    if (mayGrow) actions.push(...scaleOut(c, fleet, instances, allocation, tasks));
    return { state, actions };
  }
  const fit = bestFit(instances, allocation, (i) => fleet.type(i.typeName)!);
  if (fit) return { state, actions: [{ kind: "place", instanceId: fit.id, allocation }] };
  // No room: it waits in the line for any VM with room, in its container.
  const actions: Action[] = mayGrow ? scaleOut(c, fleet, instances, allocation, 1) : [];
  const anchor = instances.find((i) => i.state !== "draining");
  if (anchor) actions.push({ kind: "place", instanceId: anchor.id, allocation });
  return { state, actions };
}

function scaleIn(c: ClusterConfig, inst: InstanceView, fleet: FleetView): readonly Action[] {
  return releaseAboveMinimum(fleet, POOL, inst, c.minInstances, c.scaleDownAfter);
}

/** Drains the VMs the containers running now do not need, the emptiest first. */
function scaleInByLoad(c: ClusterConfig, fleet: FleetView): readonly Action[] {
  const alive = fleet
    .instances(POOL)
    .filter((i) => i.state === "idle" || i.state === "busy")
    .map((i) => ({ inst: i, cpu: fleet.type(i.typeName)!.vcpu }));
  if (fleet.pool(POOL)!.queueLength > 0) return [];
  let capacity = 0;
  let used = 0;
  for (const { inst, cpu } of alive) {
    capacity += cpu;
    used += cpu - inst.free.vcpu;
  }
  const order = [...alive].sort(
    (a, b) =>
      a.inst.runningRequestIds.length - b.inst.runningRequestIds.length || b.inst.id - a.inst.id,
  );
  const actions: Action[] = [];
  let left = alive.length;
  for (const { inst, cpu } of order) {
    if (left <= c.minInstances || used > (capacity - cpu) * c.targetUtilization) break;
    actions.push({ kind: "release", instanceId: inst.id });
    capacity -= cpu;
    left--;
  }
  return actions;
}

function withPeak(state: State, functionId: number, peakMiB: number): State {
  const key = String(functionId);
  const old = state.peaks[key] ?? 0;
  return peakMiB > old ? { ...state, peaks: { ...state.peaks, [key]: peakMiB } } : state;
}

function without(rec: Readonly<Record<string, number>>, key: string): Record<string, number> {
  const { [key]: _gone, ...rest } = rec;
  return rest;
}

export const clusterPolicy: Policy<ClusterConfig, State> = {
  name: "cluster",
  description:
    "seed 003: containers from the code's demand profile packed best fit on VMs, parallel code split into tasks, the cluster scaled by what it cannot place",
  configSchema: config,
  typesUsed: (c) => c.types,
  usageS: (c) => c.usageEvery,
  tickS: (c) => c.scaleInEvery,
  onTick: (state, c, fleet) => ({ state, actions: scaleInByLoad(c, fleet) }),
  init: (c) => ({
    state: { peaks: {}, growing: {} },
    actions: startNodePool({
      pool: POOL,
      type: c.types[0]!,
      routing: c.dispatch,
      concurrency: c.concurrency,
      minInstances: c.minInstances,
    }),
  }),
  onArrival: (state, c, r, fleet) => arrival(state, c, r, fleet),
  onIdle: (state, c, inst, fleet) => ({ state, actions: scaleIn(c, inst, fleet) }),
  onUsage: (state, c, sample, fleet) => {
    const next = withPeak(state, sample.request.functionId, sample.peakMemMiB);
    // A task's container is one of several with its request's id: it is not resized alone.
    if (sample.task || sample.memMiB < c.growAt * sample.memLimitMiB)
      return { state: next, actions: [] };
    const key = String(sample.request.id);
    const target = sample.memLimitMiB * c.growBy;
    if ((next.growing[key] ?? 0) >= target) return { state: next, actions: [] };
    const inst = fleet.instances(POOL).find((i) => i.id === sample.instanceId);
    const held = inst?.allocations.find((a) => a.requestId === sample.request.id);
    if (!inst || !held || inst.free.memMiB < target - sample.memLimitMiB)
      return { state: next, actions: [] };
    const allocation: Allocation = {
      vcpu: held.vcpu,
      memMiB: target,
      ...(held.networkMbps > 0 ? { networkMbps: held.networkMbps } : {}),
    };
    return {
      state: { ...next, growing: { ...next.growing, [key]: target } },
      actions: [{ kind: "resizeAllocation", requestId: sample.request.id, allocation }],
    };
  },
  onCompletion: (state, c, fb) => {
    // Out of memory: it needed more than its limit, by how much is not known.
    const peak =
      fb.outcome === "failed" ? Math.max(fb.peakMemMiB, fb.memLimitMiB) * c.growBy : fb.peakMemMiB;
    const next = withPeak(state, fb.request.functionId, peak);
    const key = String(fb.request.id);
    return {
      state: key in next.growing ? { ...next, growing: without(next.growing, key) } : next,
      actions: [],
    };
  },
};
