/**
 * Seed 002's pre-instantiation: on a pre-trigger notice, predict the
 * resource profile of the announced request from the named code's features
 * (a table: pre-instantiation/config.ts) and start a VM of that profile's
 * type bound to the request, sized by the profile, so the request runs
 * there with no boot wait. The first seconds of its execution are watched
 * and a resource that deviates from the prediction is scaled up in place
 * (pre-instantiation/monitor.ts). A request that came with no notice, or
 * whose notice named another function (the bound VM is then unbound by the
 * model and counted wasted), takes an idle VM with room for its own
 * predicted profile, or starts one for itself: a cold start.
 *
 * A request's notice is recognised at its arrival by its function and
 * arrival time, the two things a notice announces: only then does the
 * policy know its VM is bound (and must not start another).
 */
import { preInstantiationConfig, type PreInstantiationConfig } from "./pre-instantiation/config.js";
import { adjust, type Watch } from "./pre-instantiation/monitor.js";
import { learnedProfile, predictedNeed } from "./pre-instantiation/learned-profile.js";
import { matchingRule } from "./pre-instantiation/predict-profile.js";
import { resourceModel } from "./pieces/resource-model.js";
import { keepAlive } from "./pieces/keep-alive.js";
import type {
  Action,
  Allocation,
  CodeFeatures,
  Decision,
  FleetView,
  InstanceView,
  Policy,
  PolicyContext,
  RequestView,
} from "./types.js";

interface State {
  /** Notices not yet arrived: `arrivalS/functionId` -> the predicted profile. */
  readonly notices: Readonly<Record<string, string>>;
  /** Bound requests being watched, by request id. */
  readonly watches: Readonly<Record<string, Watch>>;
}

const poolOf = (type: string) => `pi-${type}`;
const noticeKey = (arrivalS: number, functionId: number) => `${arrivalS}/${functionId}`;

/** The table's rule that matches; else the trained predictor's profile, when there is one; else the default. */
function profileOf(
  c: PreInstantiationConfig,
  features: CodeFeatures | null,
  inputBytes: number | undefined,
  fleet: FleetView,
): string {
  const ruled = matchingRule(c.rules, features);
  if (ruled !== undefined) return ruled;
  const predictor = resourceModel("pre-instantiation", c.model);
  if (!predictor) return c.defaultProfile;
  const need = predictedNeed(c, predictor, features, inputBytes);
  return learnedProfile(c, need, fleet) ?? c.defaultProfile;
}

/** A profile's allocation: its vCPU and bandwidth, and memory above the prediction (room to see it exceeded). */
function allocationOf(
  c: PreInstantiationConfig,
  profile: string,
  fleet: FleetView,
): Allocation | null {
  const p = fleet.profile(profile);
  const t = fleet.type(c.types[profile]!);
  if (!p || !t) return null;
  return {
    vcpu: Math.min(p.vcpu, t.vcpu),
    memMiB: Math.min(p.memMiB * c.memoryLimit, t.memMiB),
    ...(p.gpus > 0 ? { gpus: p.gpus } : {}),
    ...(p.networkMbps > 0 ? { networkMbps: Math.min(p.networkMbps, t.networkMbps) } : {}),
  };
}

function onNotice(
  state: State,
  c: PreInstantiationConfig,
  functionId: number,
  expectedArrivalS: number,
  features: CodeFeatures | null,
  inputBytes: number | undefined,
  fleet: FleetView,
  ctx: PolicyContext,
): Decision<State> {
  const profile = profileOf(c, features, inputBytes, fleet);
  const type = c.types[profile]!;
  const allocation = allocationOf(c, profile, fleet);
  if (!allocation) {
    ctx.log(`pre-instantiation: no profile "${profile}" or type "${type}" here; notice ignored`);
    return { state, actions: [] };
  }
  // Forget notices whose requests came (or never did) before now.
  const notices: Record<string, string> = {};
  for (const [k, v] of Object.entries(state.notices))
    if (Number(k.slice(0, k.indexOf("/"))) >= fleet.nowS) notices[k] = v;
  notices[noticeKey(expectedArrivalS, functionId)] = profile;
  return {
    state: { ...state, notices },
    actions: [
      {
        kind: "provision",
        pool: poolOf(type),
        type,
        count: 1,
        forNotice: true,
        allocation,
      },
    ],
  };
}

/** The cheapest idle VM able to hold `profile`, across the policy's pools. */
function idleFor(
  c: PreInstantiationConfig,
  profile: string,
  fleet: FleetView,
): InstanceView | null {
  const need = fleet.profile(profile) ?? { vcpu: 0, memMiB: 0, gpus: 0 };
  let best: InstanceView | null = null;
  let bestPrice = Infinity;
  for (const type of new Set(Object.values(c.types))) {
    const t = fleet.type(type);
    if (!t || t.vcpu < need.vcpu || t.memMiB < need.memMiB || t.gpus < need.gpus) continue;
    const idle = fleet.instances(poolOf(type)).find((i) => i.state === "idle" && i.freeSlots > 0);
    if (idle && t.usdPerHour < bestPrice) [best, bestPrice] = [idle, t.usdPerHour];
  }
  return best;
}

function onArrival(
  state: State,
  c: PreInstantiationConfig,
  request: RequestView,
  fleet: FleetView,
): Decision<State> {
  const key = noticeKey(request.arrivalS, request.functionId);
  const announced = state.notices[key];
  if (announced !== undefined) {
    // Its VM is bound to it: the model runs it there. Watch its first seconds.
    const { [key]: _taken, ...notices } = state.notices;
    const watch: Watch = { profile: announced, lastS: 0, cpuSeconds: 0, ioBytes: 0, scaled: "" };
    return {
      state: { notices, watches: { ...state.watches, [String(request.id)]: watch } },
      actions: [],
    };
  }
  // Unannounced (or announced wrongly): the whole of a VM for its own profile.
  const profile = profileOf(c, request.features, request.inputBytes, fleet);
  const idle = idleFor(c, profile, fleet);
  if (idle) return { state, actions: [{ kind: "place", instanceId: idle.id }] };
  const type = c.types[profile]!;
  const pool = poolOf(type);
  return {
    state,
    actions: [
      { kind: "provision", pool, type, count: 1, forRequestId: request.id },
      { kind: "route", pool },
      { kind: "usage", requestId: request.id, everyS: null },
    ],
  };
}

const SWEEP_S = 30;

function sweep(c: PreInstantiationConfig, fleet: FleetView): Action[] {
  const out: Action[] = [];
  for (const type of new Set(Object.values(c.types)))
    for (const i of fleet.instances(poolOf(type)))
      if (
        i.state === "idle" &&
        i.freeSlots > 0 &&
        i.idleSinceS !== null &&
        fleet.nowS - i.idleSinceS >= c.keepAlive
      )
        out.push({ kind: "release", instanceId: i.id });
  return out;
}

function dropWatch(state: State, requestId: number): State {
  const { [String(requestId)]: _gone, ...watches } = state.watches;
  return { ...state, watches };
}

export const preInstantiationPolicy: Policy<PreInstantiationConfig, State> = {
  name: "pre-instantiation",
  description:
    "seed 002: a VM of the profile predicted from a notice's code features, bound to the announced request; its first seconds watched and scaled",
  configSchema: preInstantiationConfig,
  typesUsed: (c) => [...new Set(Object.values(c.types))],
  configFiles: ["model"],
  init: (c) => ({
    state: { notices: {}, watches: {} },
    actions: [...new Set(Object.values(c.types))].map((type) => ({
      kind: "pool" as const,
      pool: poolOf(type),
      concurrency: 1,
      routing: "newest-idle-first" as const,
    })),
  }),
  usageS: (c) => c.sample,
  // A VM unbound by a wrong notice joins its pool idle without an onIdle
  // call: a sweep releases every VM idle longer than the keep-alive.
  tickS: () => SWEEP_S,
  onTick: (state, c, fleet) => ({ state, actions: sweep(c, fleet) }),
  onNotice: (state, c, notice, fleet, ctx) =>
    onNotice(
      state,
      c,
      notice.functionId,
      notice.expectedArrivalS,
      notice.features,
      notice.inputBytes,
      fleet,
      ctx,
    ),
  onArrival: (state, c, request, fleet) => onArrival(state, c, request, fleet),
  onUsage: (state, c, sample, fleet) => {
    const id = sample.request.id;
    const watch = state.watches[String(id)];
    if (!watch || sample.elapsedS > c.window) {
      const stop: Action = { kind: "usage", requestId: id, everyS: null };
      return { state: watch ? dropWatch(state, id) : state, actions: [stop] };
    }
    const inst = fleet
      .instances(poolOf(sample.instanceType))
      .find((i) => i.id === sample.instanceId);
    const current = inst?.allocations.find((a) => a.requestId === id);
    const predicted = fleet.profile(watch.profile);
    if (!inst || !current || !predicted) return { state: dropWatch(state, id), actions: [] };
    const a = adjust(c, watch, predicted, sample, current, inst.free);
    const next = { ...state, watches: { ...state.watches, [String(id)]: a.watch } };
    if (!a.allocation) return { state: next, actions: [] };
    return {
      state: next,
      actions: [{ kind: "resizeAllocation", requestId: id, allocation: a.allocation }],
    };
  },
  onIdle: (state, c, inst) => {
    // A bound VM waiting for its request has no free slot: keep it.
    if (inst.freeSlots === 0) return { state, actions: [] };
    return { state, actions: [keepAlive(inst, c.keepAlive)] };
  },
  onCompletion: (state, _c, fb) => ({ state: dropWatch(state, fb.request.id), actions: [] }),
};
