/**
 * A policy wrapped so that each of its calls in a run is made twice: live,
 * as the model makes it, and again from the JSON of everything it was
 * given (state, observation, fleet), as `sim serve` would receive it. The
 * two decisions must be the same bytes, the state and actions plain JSON,
 * and the observation untouched by the call.
 */
import { fleetFromData, fleetToData } from "../../sim/policies/fleet-data.js";
import type { Decision, FleetView, Policy, PolicyContext } from "../../sim/policies/types.js";
import { notJson, roundTrip } from "./json-value.js";

export interface TwinCheck {
  readonly policy: Policy;
  /** Calls compared, by hook. */
  readonly calls: Map<string, number>;
  readonly problems: string[];
}

/** Draws of the live call, replayed to the twin so both see the same numbers. */
function recording(ctx: PolicyContext): { ctx: PolicyContext; draws: number[] } {
  const draws: number[] = [];
  return {
    draws,
    ctx: { ...ctx, random: () => (draws.push(ctx.random()), draws[draws.length - 1]!) },
  };
}

function replaying(ctx: PolicyContext, draws: readonly number[]): PolicyContext {
  let next = 0;
  return {
    ...ctx,
    random: () => {
      if (next >= draws.length) throw new Error("the twin drew more random numbers");
      return draws[next++]!;
    },
  };
}

/** `every`: compare one call in so many (the first 300 always), to keep long runs quick. */
export function twinPolicy(policy: Policy, every = 1): TwinCheck {
  const calls = new Map<string, number>();
  const problems: string[] = [];
  let n = 0;
  const check = (
    hook: string,
    state: unknown,
    observation: unknown,
    fleet: FleetView,
    ctx: PolicyContext,
    live: (ctx: PolicyContext) => Decision<unknown>,
    twin: (
      state: unknown,
      observation: unknown,
      fleet: FleetView,
      ctx: PolicyContext,
    ) => Decision<unknown>,
  ): Decision<unknown> => {
    n++;
    if (n > 300 && n % every !== 0) return live(ctx);
    const stateText = JSON.stringify(state ?? null);
    const observationText = JSON.stringify(observation ?? null);
    const fleetData = fleetToData(fleet);
    const fleetText = JSON.stringify(fleetData);
    const rec = recording(ctx);
    const d = live(rec.ctx);
    const where = `${policy.name}.${hook} at ${ctx.nowS}`;
    const badState = notJson(d.state ?? null, "state");
    const badActions = notJson(d.actions, "actions");
    if (badState) problems.push(`${where}: ${badState}`);
    if (badActions) problems.push(`${where}: ${badActions}`);
    if (JSON.stringify(observation ?? null) !== observationText)
      problems.push(`${where}: the observation was changed`);
    if (JSON.stringify(fleetToData(fleet)) !== fleetText)
      problems.push(`${where}: the fleet read differently after the call`);
    try {
      const t = twin(
        JSON.parse(stateText),
        JSON.parse(observationText),
        fleetFromData(JSON.parse(fleetText)),
        // The profile database is not part of a call's JSON: a server reads its own.
        replaying({ ...roundTrip(ctx), profiles: ctx.profiles }, rec.draws),
      );
      if (JSON.stringify(t) !== JSON.stringify(d))
        problems.push(`${where}: from JSON ${JSON.stringify(t)} but live ${JSON.stringify(d)}`);
    } catch (e) {
      problems.push(`${where}: from JSON it threw ${String(e)}`);
    }
    calls.set(hook, (calls.get(hook) ?? 0) + 1);
    return d;
  };
  const p = policy as Policy<unknown, unknown>;
  const wrapped: Policy<unknown, unknown> = {
    ...p,
    init: (c, fleet, ctx) =>
      check(
        "init",
        null,
        null,
        fleet,
        ctx,
        (x) => p.init(c, fleet, x),
        (_s, _o, f, x) => p.init(c, f, x),
      ),
  };
  const withHook = (name: keyof Policy, make: () => Partial<Policy<unknown, unknown>>) => {
    if (p[name]) Object.assign(wrapped, make());
  };
  withHook("onTick", () => ({
    onTick: (s, c, fleet, ctx) =>
      check(
        "onTick",
        s,
        null,
        fleet,
        ctx,
        (x) => p.onTick!(s, c, fleet, x),
        (s2, _o, f, x) => p.onTick!(s2, c, f, x),
      ),
  }));
  withHook("onArrival", () => ({
    onArrival: (s, c, r, fleet, ctx) =>
      check(
        "onArrival",
        s,
        r,
        fleet,
        ctx,
        (x) => p.onArrival!(s, c, r, fleet, x),
        (s2, o, f, x) => p.onArrival!(s2, c, o as typeof r, f, x),
      ),
  }));
  withHook("onNotice", () => ({
    onNotice: (s, c, notice, fleet, ctx) =>
      check(
        "onNotice",
        s,
        notice,
        fleet,
        ctx,
        (x) => p.onNotice!(s, c, notice, fleet, x),
        (s2, o, f, x) => p.onNotice!(s2, c, o as typeof notice, f, x),
      ),
  }));
  withHook("onIdle", () => ({
    onIdle: (s, c, inst, fleet, ctx) =>
      check(
        "onIdle",
        s,
        inst,
        fleet,
        ctx,
        (x) => p.onIdle!(s, c, inst, fleet, x),
        (s2, o, f, x) => p.onIdle!(s2, c, o as typeof inst, f, x),
      ),
  }));
  withHook("onTimer", () => ({
    onTimer: (s, c, key, fleet, ctx) =>
      check(
        "onTimer",
        s,
        key,
        fleet,
        ctx,
        (x) => p.onTimer!(s, c, key, fleet, x),
        (s2, o, f, x) => p.onTimer!(s2, c, o as string, f, x),
      ),
  }));
  withHook("onUsage", () => ({
    onUsage: (s, c, sample, fleet, ctx) =>
      check(
        "onUsage",
        s,
        sample,
        fleet,
        ctx,
        (x) => p.onUsage!(s, c, sample, fleet, x),
        (s2, o, f, x) => p.onUsage!(s2, c, o as typeof sample, f, x),
      ),
  }));
  withHook("onCompletion", () => ({
    onCompletion: (s, c, fb, fleet, ctx) =>
      check(
        "onCompletion",
        s,
        fb,
        fleet,
        ctx,
        (x) => p.onCompletion!(s, c, fb, fleet, x),
        (s2, o, f, x) => p.onCompletion!(s2, c, o as typeof fb, f, x),
      ),
  }));
  return { policy: wrapped as Policy, calls, problems };
}
