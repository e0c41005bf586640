/**
 * Holt-Winters exponential smoothing with additive or multiplicative
 * seasonality, fitted like R's stats::HoltWinters: start values from a
 * moving-average decomposition of the first two periods (level and trend
 * from a line through that trend, seasonal figure from the detrended
 * values), filtering from the second period's first observation, and
 * alpha, beta, gamma in [0, 1] chosen to minimise the squared one-step
 * errors (here by Nelder-Mead on clamped parameters).
 *
 * The fitted state is the last level, trend and the next period's seasonal
 * terms, so `update` goes on learning online and `toJSON` resumes exactly.
 */
import { nelderMead } from "./nelder-mead.js";

export type Seasonality = "additive" | "multiplicative";

export interface SmoothingParams {
  readonly alpha: number;
  readonly beta: number;
  readonly gamma: number;
}

export interface HoltWintersJson extends SmoothingParams {
  readonly kind: "holt-winters";
  readonly seasonality: Seasonality;
  readonly period: number;
  readonly level: number;
  readonly trend: number;
  /** Seasonal terms of the next `period` observations, the next one first. */
  readonly season: number[];
  /** Squared one-step errors summed over the fitted series. */
  readonly sse: number;
}

interface Start {
  readonly level: number;
  readonly trend: number;
  readonly season: number[];
}

export class HoltWinters {
  private constructor(private s: HoltWintersJson) {}

  /** Fits alpha, beta, gamma (or uses `params`) to `series` with the given period. */
  static fit(
    series: readonly number[],
    period: number,
    seasonality: Seasonality,
    params?: SmoothingParams,
  ): HoltWinters {
    checkSeries(series, period, seasonality);
    const start = startValues(series, period, seasonality);
    const clamp = (v: number) => Math.min(1, Math.max(0, v));
    const chosen =
      params ??
      (() => {
        // Outside [0, 1] the SSE at the nearest bound, raised with the distance, so the
        // simplex is pushed back instead of stalling on flat ground past a bound.
        const sse = (p: readonly number[]) => {
          const [a, b, g] = p.map(clamp);
          const outside = p.reduce((d, v) => d + Math.abs(v - clamp(v)), 0);
          const value = run(
            series,
            period,
            seasonality,
            { alpha: a!, beta: b!, gamma: g! },
            start,
          ).sse;
          return value * (1 + outside);
        };
        // From R's start (0.3, 0.1, 0.1), restarted from its best point until a restart gains nothing.
        let m = nelderMead(sse, [0.3, 0.1, 0.1], {
          step: 0.1,
          maxIterations: 5000,
          tolerance: 1e-14,
        });
        for (let restart = 0; restart < 20; restart++) {
          const next = nelderMead(sse, m.x, { step: 0.05, maxIterations: 5000, tolerance: 1e-14 });
          const gained = next.value < m.value * (1 - 1e-12);
          m = next.value <= m.value ? next : m;
          if (!gained) break;
        }
        const [a, b, g] = m.x.map(clamp);
        return { alpha: a!, beta: b!, gamma: g! };
      })();
    return new HoltWinters(run(series, period, seasonality, chosen, start));
  }

  static fromJSON(value: unknown): HoltWinters {
    const v = value as Partial<HoltWintersJson> | null;
    if (v === null || typeof v !== "object" || v.kind !== "holt-winters")
      throw new Error('HoltWinters.fromJSON: not a "holt-winters" state');
    if (v.seasonality !== "additive" && v.seasonality !== "multiplicative")
      throw new Error(
        `HoltWinters.fromJSON: seasonality ${String(v.seasonality)} is neither additive nor multiplicative`,
      );
    for (const k of ["alpha", "beta", "gamma"] as const)
      if (!(typeof v[k] === "number" && v[k] >= 0 && v[k] <= 1))
        throw new Error(`HoltWinters.fromJSON: ${k} is not in [0, 1]`);
    if (
      !Number.isInteger(v.period) ||
      v.period! < 2 ||
      !Array.isArray(v.season) ||
      v.season.length !== v.period
    )
      throw new Error("HoltWinters.fromJSON: period and season do not agree");
    if (
      ![v.level, v.trend, v.sse, ...v.season].every(
        (n) => typeof n === "number" && Number.isFinite(n),
      )
    )
      throw new Error("HoltWinters.fromJSON: level, trend, sse and season must be finite numbers");
    return new HoltWinters({ ...(v as HoltWintersJson), season: v.season.slice() });
  }

  toJSON(): HoltWintersJson {
    return { ...this.s, season: this.s.season.slice() };
  }

  get params(): SmoothingParams {
    return { alpha: this.s.alpha, beta: this.s.beta, gamma: this.s.gamma };
  }

  /** Forecasts for the next `h` observations. */
  forecast(h: number): number[] {
    const { level, trend, season, period, seasonality } = this.s;
    return Array.from({ length: h }, (_, k) => {
      const base = level + (k + 1) * trend;
      const s = season[k % period]!;
      return seasonality === "additive" ? base + s : base * s;
    });
  }

  /** Takes the next observation (online learning); returns its one-step error. */
  update(y: number): number {
    if (!Number.isFinite(y)) throw new Error(`HoltWinters.update: ${y} is not a finite number`);
    const e = step(this.s, y);
    this.s = { ...this.s, sse: this.s.sse + e * e };
    return e;
  }
}

/** One observation through the recurrences; mutates level, trend and season; returns the error. */
function step(
  s: { -readonly [K in keyof HoltWintersJson]: HoltWintersJson[K] },
  y: number,
): number {
  const add = s.seasonality === "additive";
  const st = s.season[0]!;
  const forecast = add ? s.level + s.trend + st : (s.level + s.trend) * st;
  const level = s.alpha * (add ? y - st : y / st) + (1 - s.alpha) * (s.level + s.trend);
  s.trend = s.beta * (level - s.level) + (1 - s.beta) * s.trend;
  s.level = level;
  s.season.shift();
  s.season.push(s.gamma * (add ? y - level : y / level) + (1 - s.gamma) * st);
  return y - forecast;
}

function run(
  series: readonly number[],
  period: number,
  seasonality: Seasonality,
  p: SmoothingParams,
  start: Start,
): HoltWintersJson {
  const s = {
    kind: "holt-winters" as const,
    seasonality,
    period,
    ...p,
    level: start.level,
    trend: start.trend,
    season: start.season.slice(),
    sse: 0,
  };
  for (let i = period; i < series.length; i++) {
    const e = step(s, series[i]!);
    s.sse += e * e;
  }
  return s;
}

/**
 * Start values from the first two periods: a centred moving average of
 * length `period` (2 x period when even) as trend; the seasonal figure as the
 * detrended values per position, centred (additive) or normalised
 * (multiplicative); level and trend as the intercept and slope of a line
 * fitted to the moving average against 1, 2, ... (R's convention).
 */
function startValues(series: readonly number[], period: number, seasonality: Seasonality): Start {
  const x = series.slice(0, 2 * period);
  const half = Math.floor(period / 2);
  const even = period % 2 === 0;
  const trend: (number | null)[] = x.map((_, t) => {
    if (t - half < 0 || t + half >= x.length) return null;
    let s = 0;
    for (let k = -half; k <= half; k++) {
      const w = even && Math.abs(k) === half ? 0.5 : 1;
      s += w * x[t + k]!;
    }
    return s / period;
  });
  const add = seasonality === "additive";
  const sums = new Array<number>(period).fill(0);
  const counts = new Array<number>(period).fill(0);
  trend.forEach((m, t) => {
    if (m === null) return;
    sums[t % period] = sums[t % period]! + (add ? x[t]! - m : x[t]! / m);
    counts[t % period] = counts[t % period]! + 1;
  });
  const figure = sums.map((s, i) => s / counts[i]!);
  const mean = figure.reduce((a, b) => a + b, 0) / period;
  const season = figure.map((f) => (add ? f - mean : f / mean));
  const ys = trend.filter((m): m is number => m !== null);
  const n = ys.length;
  const mx = (n + 1) / 2;
  const my = ys.reduce((a, b) => a + b, 0) / n;
  let sxy = 0;
  let sxx = 0;
  ys.forEach((y, i) => {
    sxy += (i + 1 - mx) * (y - my);
    sxx += (i + 1 - mx) ** 2;
  });
  const slope = sxy / sxx;
  return { level: my - slope * mx, trend: slope, season };
}

function checkSeries(series: readonly number[], period: number, seasonality: Seasonality): void {
  if (!Number.isInteger(period) || period < 2)
    throw new Error(`HoltWinters: period ${period} must be an integer >= 2`);
  if (series.length < 2 * period + 1)
    throw new Error(
      `HoltWinters: ${series.length} observations; at least ${2 * period + 1} needed for period ${period}`,
    );
  series.forEach((v, i) => {
    if (!Number.isFinite(v))
      throw new Error(`HoltWinters: observation ${i} is not a finite number`);
    if (seasonality === "multiplicative" && v <= 0)
      throw new Error(
        `HoltWinters: observation ${i} is ${v}; multiplicative seasonality needs positive values`,
      );
  });
}
