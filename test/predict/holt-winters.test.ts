import { readFileSync } from "node:fs";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { HoltWinters, type Seasonality } from "../../sim/predict/holt-winters.js";

const fixture = (name: string) =>
  JSON.parse(readFileSync(new URL(`../fixtures/predict/${name}`, import.meta.url), "utf8"));
const air: number[] = fixture("air-passengers.json").values;
const reference = fixture("r-reference.json").holtWinters as Record<
  Seasonality,
  { alpha: number; beta: number; gamma: number; a: number; b: number; s: number[] }
>;

describe("HoltWinters on AirPassengers against R", () => {
  for (const seasonality of ["multiplicative", "additive"] as const) {
    const r = reference[seasonality];

    it(`${seasonality}: R's parameters give R's level, trend and seasonal terms`, () => {
      const hw = HoltWinters.fit(air, 12, seasonality, r).toJSON();
      // R prints alpha to 7 digits: the level it gives is within a few thousandths.
      expect(hw.level).toBeCloseTo(r.a, 2);
      expect(hw.trend).toBeCloseTo(r.b, 4);
      hw.season.forEach((s, i) =>
        expect(s).toBeCloseTo(r.s[i]!, seasonality === "additive" ? 2 : 6),
      );
    });

    it(`${seasonality}: the fitted parameters are R's, and no worse`, () => {
      const fitted = HoltWinters.fit(air, 12, seasonality);
      const atR = HoltWinters.fit(air, 12, seasonality, r).toJSON().sse;
      const p = fitted.params;
      expect(fitted.toJSON().sse).toBeLessThanOrEqual(atR * (1 + 1e-6));
      expect(p.alpha).toBeCloseTo(r.alpha, 2);
      expect(p.beta).toBeCloseTo(r.beta, 2);
      expect(p.gamma).toBeCloseTo(r.gamma, 2);
    });
  }

  it("forecasts a + h b times (or plus) the seasonal term", () => {
    const r = reference.multiplicative;
    const f = HoltWinters.fit(air, 12, "multiplicative", r).forecast(14);
    expect(f[0]).toBeCloseTo((r.a + r.b) * r.s[0]!, 2);
    expect(f[13]).toBeCloseTo((r.a + 14 * r.b) * r.s[1]!, 2);
  });

  it("resumes identically from its JSON state, under any later observations", () => {
    const fitted = HoltWinters.fit(air.slice(0, 100), 12, "multiplicative");
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: 50, max: 900, noNaN: true }), { maxLength: 30 }),
        (later) => {
          const a = HoltWinters.fromJSON(JSON.parse(JSON.stringify(fitted)));
          const b = HoltWinters.fromJSON(fitted.toJSON());
          for (const y of later) expect(a.update(y)).toBe(b.update(y));
          expect(a.forecast(12)).toEqual(b.forecast(12));
        },
      ),
    );
    // Online updates from the state equal a filter over the whole series with the same parameters.
    const online = HoltWinters.fromJSON(fitted.toJSON());
    for (const y of air.slice(100)) online.update(y);
    const whole = HoltWinters.fit(air, 12, "multiplicative", fitted.params);
    expect(online.forecast(12)).toEqual(whole.forecast(12));
  });

  it("rejects series it cannot fit", () => {
    expect(() => HoltWinters.fit(air.slice(0, 24), 12, "additive")).toThrow(/at least 25 needed/);
    expect(() => HoltWinters.fit([...air.slice(0, 30), 0], 12, "multiplicative")).toThrow(
      /observation 30 is 0/,
    );
    expect(() => HoltWinters.fromJSON({ kind: "holt-winters", seasonality: "both" })).toThrow(
      /neither/,
    );
  });
});
