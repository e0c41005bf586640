/**
 * Azure Functions' hybrid histogram keep-alive (Shahrad et al., "Serverless
 * in the Wild", ATC 2020; constants in REFERENCE-FACTS): per function (an
 * application here), a histogram of idle times, the gaps between the end of
 * one execution and the next arrival, in 1-minute bins over 4 hours. When
 * it is representative, the sandbox is unloaded when an execution ends,
 * loaded again at the pre-warm window (5th percentile x 0.9) and kept until
 * the keep-alive window ((99th-percentile bin + 1) x 1.1) from that end;
 * with no pre-warm window it is kept from the end. A flat histogram (its
 * bin counts' CV under 2) keeps the sandbox for the whole range; with too
 * few idle times, or mostly idle times beyond the range, the fixed
 * keep-alive applies. (The paper forecasts the next idle time with ARIMA
 * in that last case; a fixed keep-alive stands in until sim/predict has a
 * forecaster.) Scale from zero and routing are the FaaS platform's, as in
 * `reactive` mode faas.
 */
import { z } from "zod";
import { duration } from "../units/fields.js";
import { keepAlive } from "./pieces/keep-alive.js";
import { functionPoolId, routeToFunctionPool } from "./pieces/function-pools.js";
import type { Action, Decision, FleetView, Policy, RequestView } from "./types.js";

const config = z.strictObject({
  type: z.string(),
  concurrency: z.int().positive().default(1),
  binWidth: duration().prefault("1m"),
  range: duration().prefault("4h"),
  prewarmPercentile: z.number().gt(0).lt(100).default(5),
  keepAlivePercentile: z.number().gt(0).lt(100).default(99),
  prewarmMargin: z.number().positive().default(0.9),
  keepAliveMargin: z.number().positive().default(1.1),
  /** Below this coefficient of variation of the bin counts the histogram is not representative. */
  cvThreshold: z.number().nonnegative().default(2),
  /** With this share of idle times beyond the range or more, the histogram says nothing. */
  outOfRangeShare: z.number().gt(0).lte(1).default(0.5),
  /** Idle times needed before the histogram is used. */
  minSamples: z.int().positive().default(10),
  fallbackKeepAlive: duration().prefault("10m"),
});

export type HybridHistogramConfig = z.output<typeof config>;
type Config = HybridHistogramConfig;

interface App {
  /** Idle-time counts by bin index (sparse), and the count beyond the range. */
  bins: Record<string, number>;
  inRange: number;
  beyond: number;
  /** When its last execution ended with nothing else running, while idle; else null. */
  idleSinceS: number | null;
}

interface State {
  /** By function id. */
  readonly apps: Record<string, App>;
}

interface Windows {
  /** Seconds after an execution ends to load the sandbox again; 0 keeps it loaded. */
  readonly prewarmS: number;
  /** Seconds after the end until which the sandbox stays loaded. */
  readonly keepAliveS: number;
}

const timerOf = (functionId: number) => `prewarm/${functionId}`;

/** The smallest bin whose cumulative count reaches `percentile` of `total`. */
function percentileBin(bins: Record<string, number>, total: number, percentile: number): number {
  const keys = Object.keys(bins)
    .map(Number)
    .sort((a, b) => a - b);
  let seen = 0;
  for (const k of keys) {
    seen += bins[k]!;
    if (seen >= (percentile / 100) * total) return k;
  }
  return keys[keys.length - 1] ?? 0;
}

export function windowsOf(app: App, c: Config): Windows {
  const fixed = { prewarmS: 0, keepAliveS: c.fallbackKeepAlive };
  const all = app.inRange + app.beyond;
  if (all < c.minSamples || app.beyond / all >= c.outOfRangeShare) return fixed;
  const binCount = Math.ceil(c.range / c.binWidth);
  const mean = app.inRange / binCount;
  let squares = 0;
  for (const k in app.bins) squares += app.bins[k]! ** 2;
  const cv = Math.sqrt(Math.max(0, squares / binCount - mean * mean)) / mean;
  if (cv < c.cvThreshold) return { prewarmS: 0, keepAliveS: c.range };
  const head = percentileBin(app.bins, app.inRange, c.prewarmPercentile);
  const tail = percentileBin(app.bins, app.inRange, c.keepAlivePercentile);
  return {
    prewarmS: head * c.binWidth * c.prewarmMargin,
    keepAliveS: (tail + 1) * c.binWidth * c.keepAliveMargin,
  };
}

function arrival(state: State, c: Config, r: RequestView, fleet: FleetView): Decision<State> {
  const id = functionPoolId(r.functionId);
  const pool = fleet.pool(id);
  const actions: Action[] = [];
  const app = (state.apps[r.functionId] ??= { bins: {}, inRange: 0, beyond: 0, idleSinceS: null });
  if (app.idleSinceS !== null) {
    const idleS = fleet.nowS - app.idleSinceS;
    const bin = Math.floor(idleS / c.binWidth);
    if (idleS < c.range) {
      app.bins[bin] = (app.bins[bin] ?? 0) + 1;
      app.inRange++;
    } else app.beyond++;
    app.idleSinceS = null;
    actions.push({ kind: "timer", key: timerOf(r.functionId), atS: null });
  }
  if (!pool)
    actions.push({
      kind: "pool",
      pool: id,
      functionId: r.functionId,
      routing: "newest-idle-first",
      concurrency: c.concurrency,
    });
  const free = pool ? pool.freeSlots + pool.bootingSlots - pool.queueLength : 0;
  if (free <= 0)
    actions.push({ kind: "provision", pool: id, type: c.type, count: 1, forRequestId: r.id });
  actions.push(...routeToFunctionPool(r.functionId));
  return { state, actions };
}

export const hybridHistogramPolicy: Policy<Config, State> = {
  name: "hybrid-histogram",
  description: "Azure Functions' hybrid histogram keep-alive and pre-warm per function",
  configSchema: config,
  typesUsed: (c) => [c.type],
  init: () => ({ state: { apps: {} }, actions: [] }),
  onArrival: (state, c, r, fleet) => arrival(state, c, r, fleet),
  // An execution ended with nothing else running or waiting: the function's idle time starts.
  onCompletion(state, _c, feedback, fleet) {
    const pool = fleet.pool(functionPoolId(feedback.request.functionId));
    const app = state.apps[feedback.request.functionId];
    if (app && pool && pool.busySlots === 0 && pool.queueLength === 0) app.idleSinceS = fleet.nowS;
    return { state, actions: [] };
  },
  onIdle(state, c, instance, fleet) {
    const functionId = fleet.pool(instance.pool)?.functionId ?? -1;
    const app = state.apps[functionId];
    if (!app || app.idleSinceS === null)
      return { state, actions: [keepAlive(instance, c.fallbackKeepAlive)] };
    const w = windowsOf(app, c);
    const sinceEnd = fleet.nowS - app.idleSinceS;
    if (sinceEnd > 0) {
      // Loaded again by the pre-warm timer (or idle since it booted): kept until the window ends.
      return { state, actions: [keepAlive(instance, Math.max(0, w.keepAliveS - sinceEnd))] };
    }
    if (w.prewarmS <= 0) return { state, actions: [keepAlive(instance, w.keepAliveS)] };
    return {
      state,
      actions: [
        keepAlive(instance, 0),
        { kind: "timer", key: timerOf(functionId), atS: fleet.nowS + w.prewarmS },
      ],
    };
  },
  onTimer(state, c, key, fleet) {
    const functionId = Number(key.slice("prewarm/".length));
    const pool = fleet.pool(functionPoolId(functionId));
    if (!pool || pool.booting + pool.ready > 0) return { state, actions: [] };
    return { state, actions: [{ kind: "provision", pool: pool.id, type: c.type, count: 1 }] };
  },
};
