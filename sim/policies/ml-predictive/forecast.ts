/**
 * Demand per complexity class, forecast ahead of load: each tick adds the
 * class's predicted busy slots (predicted execution seconds of its
 * arrivals over the tick); once two seasons and one tick are seen, an
 * additive Holt-Winters with the config's constants takes them online.
 * Its state is a few numbers (the season's terms), so it lives in the
 * policy state; before that the last tick's demand is the forecast.
 */
import { HoltWinters, type HoltWintersJson } from "../../predict/holt-winters.js";
import type { MlPredictiveConfig } from "./config.js";

export interface ClassForecast {
  /** Predicted execution seconds of this tick's arrivals so far. */
  work: number;
  /** Busy slots per tick until the forecaster starts. */
  history: number[];
  model: HoltWintersJson | null;
}

export const emptyForecast = (): ClassForecast => ({ work: 0, history: [], model: null });

/** Closes a tick: its demand enters the forecaster; returns the most busy slots expected in the lead. */
export function closeTick(f: ClassForecast, c: MlPredictiveConfig): number {
  const y = f.work / c.tick;
  f.work = 0;
  const { period, alpha, beta, gamma, lead } = c.forecast;
  if (f.model) {
    const hw = HoltWinters.fromJSON(f.model);
    hw.update(y);
    f.model = hw.toJSON();
    return Math.max(y, ...hw.forecast(lead));
  }
  f.history.push(y);
  if (f.history.length < 2 * period + 1) return y;
  const hw = HoltWinters.fit(f.history, period, "additive", { alpha, beta, gamma });
  f.model = hw.toJSON();
  f.history = [];
  return Math.max(y, ...hw.forecast(lead));
}
