/**
 * A policy wrapped so that a run records each of its calls: the hook, the
 * JSON of the observation and fleet it was shown, the random numbers it
 * drew, and the decision it made. What a server is sent to decide again.
 * The hooks come from the server's own table, so a new hook is recorded too.
 */
import { fleetToData, type FleetData } from "../../sim/policies/fleet-data.js";
import type {
  Action,
  Decision,
  FleetView,
  Policy,
  PolicyContext,
} from "../../sim/policies/types.js";
import { HOOKS, type HookEntry } from "../../sim/serve/hook-table.js";

export interface RecordedCall {
  /** The server route below /policies/<instance>/. */
  readonly route: string;
  readonly observation?: unknown;
  readonly fleet: FleetData;
  readonly random: number[];
  readonly actions: readonly Action[];
  /** The policy's state after the call, as JSON. */
  readonly state: unknown;
}

const json = <T>(x: T): T => JSON.parse(JSON.stringify(x ?? null)) as T;

/** `limit`: the first so many calls are recorded, the rest pass through (a prefix replays exactly). */
export function recordedPolicy(
  policy: Policy,
  limit = Infinity,
): { policy: Policy; calls: RecordedCall[] } {
  const calls: RecordedCall[] = [];
  const p = policy as Policy<unknown, unknown>;
  const record = (
    route: string,
    observation: unknown,
    hasObservation: boolean,
    fleet: FleetView,
    ctx: PolicyContext,
    decide: (ctx: PolicyContext) => Decision<unknown>,
  ): Decision<unknown> => {
    if (calls.length >= limit) return decide(ctx);
    const random: number[] = [];
    const fleetData = json(fleetToData(fleet));
    const obs = hasObservation ? json(observation) : undefined;
    const d = decide({ ...ctx, random: () => (random.push(ctx.random()), random.at(-1)!) });
    calls.push({
      route,
      ...(hasObservation && { observation: obs }),
      fleet: fleetData,
      random,
      actions: json(d.actions),
      state: json(d.state),
    });
    return d;
  };
  const wrapped: Record<string, unknown> = {
    ...p,
    init: (c: unknown, fleet: FleetView, ctx: PolicyContext) =>
      record("init", undefined, false, fleet, ctx, (x) => p.init(c, fleet, x)),
  };
  for (const entry of HOOKS) {
    const fn = p[entry.method] as ((...a: unknown[]) => Decision<unknown>) | undefined;
    if (fn) wrapped[entry.method] = wrap(entry, fn.bind(p), record);
  }
  return { policy: wrapped as unknown as Policy, calls };
}

function wrap(
  entry: HookEntry,
  fn: (...a: unknown[]) => Decision<unknown>,
  record: (
    route: string,
    observation: unknown,
    hasObservation: boolean,
    fleet: FleetView,
    ctx: PolicyContext,
    decide: (ctx: PolicyContext) => Decision<unknown>,
  ) => Decision<unknown>,
) {
  const route = `${entry.route}/${entry.hook}`;
  if (entry.observation === null)
    return (s: unknown, c: unknown, fleet: FleetView, ctx: PolicyContext) =>
      record(route, undefined, false, fleet, ctx, (x) => fn(s, c, fleet, x));
  return (s: unknown, c: unknown, o: unknown, fleet: FleetView, ctx: PolicyContext) =>
    record(route, o, true, fleet, ctx, (x) => fn(s, c, o, fleet, x));
}
