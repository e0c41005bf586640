/**
 * Seed 000's complexity table: the analyzer's complexity score of a
 * request's code maps through a configurable table to a resource profile
 * (by default 0-10 Small, 11-25 Medium, 26-50 Large, 51+ Extreme), and the
 * request runs in an allocation of that profile, packed best fit on a pool
 * of one instance type that grows when nothing has room and releases
 * instances idle for `scaleDownAfter`. A client may ask for a profile by
 * name: granted when grantable and available (complexity-table/
 * choose-profile.ts). While it runs, usage samples re-evaluate it: memory
 * near its limit and rising, or running past the profile's expected time,
 * upgrades it to the next profile of the table, in place when its instance
 * has the room (complexity-table/upgrade.ts).
 *
 * A VM pool rather than per-allocation container capacity by default
 * because the seed's manager allocates VMs of a profile and packs them; the
 * `type` may name `fargate` for per-allocation billing, where a profile's
 * price is its own.
 */
import {
  NO_REQUESTS,
  recordOf,
  withoutRecord,
  withRecord,
  type ByRequest,
} from "./pieces/by-request.js";
import { releaseAboveMinimum, startNodePool } from "./pieces/node-pool.js";
import { chooseProfile } from "./complexity-table/choose-profile.js";
import { complexityTableConfig, type ComplexityTableConfig } from "./complexity-table/config.js";
import { placeProfile, POOL } from "./complexity-table/placement.js";
import { outgrown } from "./complexity-table/re-evaluate.js";
import { upgradeStep } from "./complexity-table/upgrade.js";
import type { Decision, FleetView, Policy, UsageSample } from "./types.js";

/** What the policy keeps of a request between its arrival and its end. */
interface Tracked {
  readonly profile: string;
  readonly upgrades: number;
  /** Memory in use at its last sample. */
  readonly memMiB?: number;
}

interface State {
  /** Requests placed and not yet ended. */
  readonly tracked: ByRequest<Tracked>;
}

function withTracked(state: State, id: number, t: Tracked | undefined): State {
  return { tracked: t ? withRecord(state.tracked, id, t) : withoutRecord(state.tracked, id) };
}

function usage(
  state: State,
  c: ComplexityTableConfig,
  sample: UsageSample,
  fleet: FleetView,
): Decision<State> {
  const id = sample.request.id;
  const t = recordOf(state.tracked, id);
  // Tasks of a split request are not moved one by one.
  if (!t || sample.task) return { state, actions: [] };
  const why = outgrown(sample, t.memMiB, c.memoryNear, c.expectedSeconds[t.profile]);
  if (why === null || t.upgrades >= c.maxUpgrades) {
    if (t.memMiB === sample.memMiB) return { state, actions: [] };
    return { state: withTracked(state, id, { ...t, memMiB: sample.memMiB }), actions: [] };
  }
  const step = upgradeStep(c, sample, t.profile, why, fleet, fleet.type(c.type)!);
  const next: Tracked = step.movedTo
    ? { profile: step.movedTo, upgrades: t.upgrades + 1 }
    : { ...t, memMiB: sample.memMiB };
  return { state: withTracked(state, id, next), actions: step.actions };
}

export const complexityTablePolicy: Policy<ComplexityTableConfig, State> = {
  name: "complexity-table",
  description:
    "seed 000: the code's complexity score picks a resource profile by table; upgrades from usage",
  configSchema: complexityTableConfig,
  typesUsed: (c) => [c.type],
  init: (c) => ({
    state: { tracked: NO_REQUESTS },
    actions: startNodePool({
      pool: POOL,
      type: c.type,
      routing: "least-loaded",
      concurrency: c.concurrency,
      minInstances: c.minInstances,
      line: c.line,
    }),
  }),
  onArrival: (state, c, request, fleet) => {
    const type = fleet.type(c.type)!;
    const choice = chooseProfile(c, request, fleet, type);
    // No profile to run in: the pool's line, in a slot's share.
    if (!choice) return { state, actions: [{ kind: "route", pool: POOL }] };
    const { profile } = choice;
    const actions = placeProfile(fleet, profile, type, c.maxInstances, c.concurrency);
    const tracked: Tracked = { profile: profile.name, upgrades: 0 };
    return { state: withTracked(state, request.id, tracked), actions };
  },
  usageS: (c) => c.sampleEvery,
  onUsage: (state, c, sample, fleet) => usage(state, c, sample, fleet),
  onCompletion: (state, _c, fb) => ({
    state: withTracked(state, fb.request.id, undefined),
    actions: [],
  }),
  onIdle: (state, c, inst, fleet) => ({
    state,
    actions: releaseAboveMinimum(fleet, POOL, inst, c.minInstances, c.scaleDownAfter),
  }),
};
