/**
 * Seasonal ARIMA forecasts behind our own small interface. Estimation is the
 * `arima` package (ctsa compiled to WebAssembly: exact likelihood started
 * from conditional sums of squares, as R's arima does), which reproduces R
 * on the airline model. Its native model lives only while fitting: the
 * forecasts (mean and variance up to a horizon) are read out and the native
 * memory freed at once, so nothing leaks and the state is plain data (the
 * order and the history), refitted deterministically on load.
 */
import ARIMA from "arima";

export interface ArimaOrder {
  readonly p: number;
  readonly d: number;
  readonly q: number;
  /** Seasonal part: orders and period (all 0 for none). */
  readonly P?: number;
  readonly D?: number;
  readonly Q?: number;
  readonly s?: number;
}

export interface ArimaJson {
  readonly kind: "arima";
  readonly order: Required<ArimaOrder>;
  readonly horizon: number;
  /** Observations kept; the oldest are dropped beyond `maxHistory`. */
  readonly history: number[];
  readonly maxHistory: number;
}

export interface ArimaOptions {
  /** Forecasts available without refitting. */
  readonly horizon?: number;
  readonly maxHistory?: number;
}

export class Arima {
  private constructor(
    private readonly state: ArimaJson,
    private readonly mean: number[],
    private readonly variance: number[],
  ) {}

  static fit(series: readonly number[], order: ArimaOrder, options: ArimaOptions = {}): Arima {
    const o: Required<ArimaOrder> = { P: 0, D: 0, Q: 0, s: 0, ...order };
    for (const [k, v] of Object.entries(o))
      if (!Number.isInteger(v) || v < 0)
        throw new Error(`Arima: order ${k} = ${v} must be a non-negative integer`);
    if (o.P + o.D + o.Q > 0 !== o.s > 1)
      throw new Error(
        "Arima: a seasonal order needs a period s > 1, and a period needs a seasonal order",
      );
    const horizon = options.horizon ?? Math.max(12, 2 * o.s);
    const maxHistory = options.maxHistory ?? 10_000;
    if (!Number.isInteger(horizon) || horizon < 1)
      throw new Error(`Arima: horizon ${horizon} must be a positive integer`);
    series.forEach((v, i) => {
      if (!Number.isFinite(v)) throw new Error(`Arima: observation ${i} is not a finite number`);
    });
    const history = series.slice(-maxHistory);
    const model = new ARIMA({ ...o, verbose: false });
    try {
      model.train(history);
      const [mean, variance] = model.predict(horizon);
      if (![...mean, ...variance].every(Number.isFinite))
        throw new Error(`Arima: the fit of ${history.length} observations diverged`);
      return new Arima({ kind: "arima", order: o, horizon, history, maxHistory }, mean, variance);
    } finally {
      model.destroy();
    }
  }

  static fromJSON(value: unknown): Arima {
    const v = value as Partial<ArimaJson> | null;
    if (
      v === null ||
      typeof v !== "object" ||
      v.kind !== "arima" ||
      !Array.isArray(v.history) ||
      v.order === undefined
    )
      throw new Error('Arima.fromJSON: not an "arima" state');
    return Arima.fit(v.history, v.order, { horizon: v.horizon, maxHistory: v.maxHistory });
  }

  toJSON(): ArimaJson {
    return { ...this.state, history: this.state.history.slice() };
  }

  /** Forecast means and their variances for the next `h` observations (h <= horizon). */
  forecast(h: number): { mean: number[]; variance: number[] } {
    if (!(Number.isInteger(h) && h >= 1 && h <= this.state.horizon))
      throw new Error(`Arima.forecast: ${h} steps; this fit forecasts 1 to ${this.state.horizon}`);
    return { mean: this.mean.slice(0, h), variance: this.variance.slice(0, h) };
  }

  /** The model refitted with more observations. */
  extend(observations: readonly number[]): Arima {
    const s = this.state;
    return Arima.fit([...s.history, ...observations], s.order, {
      horizon: s.horizon,
      maxHistory: s.maxHistory,
    });
  }
}
