/**
 * `ml-predictive` (seeds 001 and 002): a trained model predicts each
 * request's demand (execution seconds, CPU-seconds, memory peak) and its
 * 0-100 complexity score from the code's features and the input size. The
 * request goes to the cheapest warm pool whose slot holds its predicted
 * memory (the heavyweight pool for a high score or a retry out of memory);
 * the policy records its prediction (the run reports the error). Each tick,
 * Holt-Winters forecasts of each pool's predicted work size the pools ahead
 * of load, growing them at most at the rate the rolling average score's
 * level allows. Every completion's measured usage corrects the model per
 * program (demand.ts): the feedback loop, learned in state; the trained
 * model itself comes by config.
 */
import { releaseOrder } from "../pieces/release-order.js";
import type { Action, Decision, FleetView, Policy, RequestView, TypeView } from "../types.js";
import { mlPredictiveConfig, type MlPredictiveConfig } from "./config.js";
import {
  emptyDemand,
  learnDemand,
  newDemand,
  predictDemand,
  type Demand,
  type LearnedDemand,
} from "./demand.js";
import { closeTick, emptyForecast, type ClassForecast } from "./forecast.js";
import { predictorOf } from "./model-cache.js";
import { complexityScore, levelOf, rollingAverage } from "./score.js";

type Config = MlPredictiveConfig;
type PoolName = "light" | "heavy";
const POOLS: readonly PoolName[] = ["light", "heavy"];

interface State {
  demand: LearnedDemand;
  /** Rolling average of the complexity scores of arrivals. */
  rolling: number | null;
  forecasts: Record<PoolName, ClassForecast>;
}

const slotMemMiB = (t: TypeView | undefined, concurrency: number) =>
  t ? t.memMiB / concurrency : 0;
/** What one slot costs per hour: the dominant price figure of a VM type, shared by its slots. */
const slotUsdPerHour = (t: TypeView | undefined, concurrency: number) =>
  t ? t.usdPerHour / concurrency : Infinity;

/** Cost-aware choice: the cheapest pool whose slot holds the predicted 90th-percentile memory. */
function choosePool(c: Config, fleet: FleetView, r: RequestView, d: Demand, score: number) {
  if (r.outOfMemoryAtMiB !== undefined || score >= c.heavyScore) return "heavy";
  let best: PoolName = "heavy";
  let bestUsd = Infinity;
  for (const name of POOLS) {
    const p = c[name];
    const t = fleet.type(p.type);
    if (slotMemMiB(t, p.concurrency) < d.p90[2]!) continue;
    const usd = slotUsdPerHour(t, p.concurrency) * d.p50[0]!;
    if (usd < bestUsd) [best, bestUsd] = [name, usd];
  }
  return best;
}

/** The arrival's demand, read into its actions before the next arrival overwrites it. */
const scratch = newDemand();

function arrival(state: State, c: Config, r: RequestView, fleet: FleetView): Decision<State> {
  const d = predictDemand(state.demand, predictorOf(c), c, r, scratch);
  const score = complexityScore(c, d.p50[1]!);
  state.rolling = rollingAverage(state.rolling, score, c.rollingSpan);
  const name = choosePool(c, fleet, r, d, score);
  state.forecasts[name].work += d.p50[0]!;
  const actions: Action[] = [
    {
      kind: "predict",
      requestId: r.id,
      serviceS: d.p50[0]!,
      cpuSeconds: d.p50[1]!,
      peakMemMiB: d.p50[2]!,
      envelope: { cpuSeconds: [0, d.p90[1]!], peakMemMiB: [0, d.p90[2]!], confidence: 0.9 },
    },
  ];
  const pool = fleet.pool(name);
  if (pool && pool.booting + pool.ready === 0)
    actions.push({ kind: "provision", pool: name, type: c[name].type, count: 1 });
  actions.push({ kind: "route", pool: name });
  return { state, actions };
}

function tick(state: State, c: Config, fleet: FleetView): Decision<State> {
  const rate = c.addRate[levelOf(c, state.rolling)];
  const actions: Action[] = [];
  for (const name of POOLS) {
    const forecastSlots = closeTick(state.forecasts[name], c);
    const pool = fleet.pool(name);
    if (!pool) continue;
    const p = c[name];
    const current = pool.booting + pool.ready;
    const now = pool.busySlots + pool.queueLength;
    const need = Math.max(forecastSlots, now) * c.headroom;
    const target = Math.min(
      p.maxInstances,
      Math.max(p.minInstances, Math.ceil(need / p.concurrency)),
    );
    if (target > current) {
      // A queue with nothing to serve it grows the pool even when the level says maintain.
      const step = Math.max(rate, pool.queueLength > 0 && current === 0 ? 1 : 0);
      const count = Math.min(target - current, step);
      if (count > 0) actions.push({ kind: "provision", pool: name, type: p.type, count });
    } else if (target < current) {
      const idle = fleet.instances(name).filter((i) => i.state === "idle");
      for (const i of releaseOrder(idle).slice(0, current - target))
        actions.push({ kind: "release", instanceId: i.id });
    }
  }
  return { state, actions };
}

export const mlPredictivePolicy: Policy<Config, State> = {
  name: "ml-predictive",
  description:
    "predicted complexity and demand per request: light and heavy warm pools sized by forecasts, learning from completions",
  configSchema: mlPredictiveConfig,
  typesUsed: (c) => [c.light.type, c.heavy.type],
  configFiles: ["model"],
  init(c) {
    // Built here so a bad model fails at the start, not at the first arrival.
    predictorOf(c);
    const actions: Action[] = [];
    for (const name of POOLS) {
      const p = c[name];
      actions.push({
        kind: "pool",
        pool: name,
        routing: "least-loaded",
        concurrency: p.concurrency,
      });
      const initial = Math.max(p.initial, p.minInstances);
      if (initial > 0)
        actions.push({
          kind: "provision",
          pool: name,
          type: p.type,
          count: initial,
          prewarmed: true,
        });
    }
    const state: State = {
      demand: emptyDemand(),
      rolling: null,
      forecasts: { light: emptyForecast(), heavy: emptyForecast() },
    };
    return { state, actions };
  },
  tickS: (c) => c.tick,
  onTick: (state, c, fleet) => tick(state, c, fleet),
  onArrival: (state, c, r, fleet) => arrival(state, c, r, fleet),
  onCompletion(state, c, f) {
    if (f.outcome === "completed")
      learnDemand(state.demand, predictorOf(c), c, f.request, [
        f.serviceS,
        f.cpuSeconds,
        f.peakMemMiB,
      ]);
    return { state, actions: [] };
  },
};
