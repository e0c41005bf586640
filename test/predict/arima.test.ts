import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { Arima } from "../../sim/predict/arima.js";

const fixture = (name: string) =>
  JSON.parse(readFileSync(new URL(`../fixtures/predict/${name}`, import.meta.url), "utf8"));
const logAir: number[] = (fixture("air-passengers.json").values as number[]).map(Math.log);
const r = fixture("r-reference.json").arima as { ma1: number; sma1: number };
const AIRLINE = { p: 0, d: 1, q: 1, P: 0, D: 1, Q: 1, s: 12 };

describe("Arima (airline model on log AirPassengers)", () => {
  const fit = Arima.fit(logAir, AIRLINE, { horizon: 13 });

  it("recovers R's coefficients from its forecast variances", () => {
    // For (1-B)(1-B^12) z = (1 - theta B)(1 - Theta B^12) a the psi weights are
    // 1, then 1 - theta up to lag 11, and 2 - theta - Theta at lag 12; the h-step
    // variance is sigma^2 times the sum of the first h squared weights.
    const v = fit.forecast(13).variance;
    const theta = 1 - Math.sqrt(v[1]! / v[0]! - 1);
    const psi12 = Math.sqrt((v[12]! - v[11]!) / v[0]!);
    const bigTheta = 2 - theta - psi12;
    // R prints the MA terms with the opposite sign (1 + theta B).
    expect(theta).toBeCloseTo(-r.ma1, 3);
    expect(bigTheta).toBeCloseTo(-r.sma1, 3);
    for (let h = 2; h <= 11; h++) expect(v[h]! / v[0]!).toBeCloseTo(1 + h * (1 - theta) ** 2, 9);
  });

  it("forecasts the seasonal shape: next July above next November", () => {
    const { mean } = fit.forecast(12);
    expect(Math.exp(mean[6]!)).toBeGreaterThan(Math.exp(mean[10]!) * 1.3);
    expect(Math.exp(mean[0]!)).toBeGreaterThan(400);
    expect(Math.exp(mean[0]!)).toBeLessThan(500);
  });

  it("is deterministic and resumes from its JSON state with identical forecasts", () => {
    const again = Arima.fit(logAir, AIRLINE, { horizon: 13 });
    expect(again.forecast(13)).toEqual(fit.forecast(13));
    const loaded = Arima.fromJSON(JSON.parse(JSON.stringify(fit)));
    expect(loaded.forecast(13)).toEqual(fit.forecast(13));
    const grown = Arima.fit(logAir.slice(0, 120), AIRLINE, { horizon: 13 }).extend(
      logAir.slice(120),
    );
    expect(grown.forecast(13)).toEqual(fit.forecast(13));
  });

  it("rejects orders and requests it cannot serve", () => {
    expect(() => Arima.fit(logAir, { p: 0, d: 1, q: 1, Q: 1 })).toThrow(/needs a period/);
    expect(() => Arima.fit(logAir, { p: -1, d: 0, q: 0 })).toThrow(/order p = -1/);
    expect(() => Arima.fit(logAir.slice(0, 20), AIRLINE)).toThrow(/too short/);
    expect(() => fit.forecast(14)).toThrow(/forecasts 1 to 13/);
    expect(() => Arima.fromJSON({ kind: "nope" })).toThrow(/not an "arima" state/);
  });
});
