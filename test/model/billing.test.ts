import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { billedExecutionS, executionCostUsd, instanceCostUsd } from "../../sim/model/billing.js";
import type { BillingRule } from "../../sim/model/catalog/types.js";
import { DEFAULT_CATALOG } from "../../sim/model/catalog/default-catalog.js";

const perSecond: BillingRule = { kind: "per-second", minimumS: 60 };
const hourly: BillingRule = { kind: "hourly" };
const lambda = DEFAULT_CATALOG.get("lambda-1769")!;

describe("billing rules", () => {
  test("EC2: per second with a 60 s minimum per start", () => {
    expect(instanceCostUsd(perSecond, 3.6, 10)).toBeCloseTo(0.06, 12);
    expect(instanceCostUsd(perSecond, 3.6, 60)).toBeCloseTo(0.06, 12);
    expect(instanceCostUsd(perSecond, 3.6, 61)).toBeCloseTo(0.061, 12);
    expect(instanceCostUsd(perSecond, 0.096, 3600)).toBeCloseTo(0.096, 12);
  });

  test("hourly: a started hour is billed whole", () => {
    expect(instanceCostUsd(hourly, 2, 1)).toBe(2);
    expect(instanceCostUsd(hourly, 2, 3600)).toBe(2);
    expect(instanceCostUsd(hourly, 2, 3601)).toBe(4);
    expect(instanceCostUsd(hourly, 2, 0)).toBe(2);
  });

  test("Lambda: GB-seconds in 1 ms increments plus $0.20 per million requests", () => {
    expect(billedExecutionS(lambda.billing, 0.1)).toBeCloseTo(0.1, 12);
    expect(billedExecutionS(lambda.billing, 0.1004)).toBeCloseTo(0.101, 12);
    const usd = executionCostUsd(lambda.billing, 1024, 1);
    expect(usd).toBeCloseTo(0.0000166667 + 0.2 / 1e6, 15);
    // A VM is not billed per request, a FaaS sandbox not per second alive.
    expect(executionCostUsd(perSecond, 1024, 1)).toBe(0);
    expect(instanceCostUsd(lambda.billing, 0, 3600)).toBe(0);
  });

  test("costs grow with time and never fall below the minimum", () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0, max: 1e6, noNaN: true }),
        fc.double({ min: 0, max: 1e3, noNaN: true }),
        (a, b) => {
          for (const rule of [perSecond, hourly]) {
            expect(instanceCostUsd(rule, 1, a + b)).toBeGreaterThanOrEqual(
              instanceCostUsd(rule, 1, a),
            );
            expect(instanceCostUsd(rule, 1, a)).toBeGreaterThanOrEqual(instanceCostUsd(rule, 1, 0));
          }
          expect(billedExecutionS(lambda.billing, a)).toBeGreaterThanOrEqual(a - 1e-9);
          expect(billedExecutionS(lambda.billing, a)).toBeLessThan(a + 0.001 + 1e-9);
        },
      ),
      { seed: 9 },
    );
  });

  test("every default catalog entry has a source, a date and a consistent billing rule", () => {
    for (const t of DEFAULT_CATALOG.values()) {
      expect(t.source.length).toBeGreaterThan(10);
      expect(t.asOf).toMatch(/^\d{4}-\d{2}/);
      expect(t.kind === "faas").toBe(t.billing.kind === "per-request");
      expect(t.vcpu).toBeGreaterThan(0);
    }
    expect(DEFAULT_CATALOG.get("m5.large")).toMatchObject({
      vcpu: 2,
      memMiB: 8192,
      usdPerHour: 0.096,
    });
    expect(DEFAULT_CATALOG.get("p4d.24xlarge")).toMatchObject({ gpus: 8, usdPerHour: 32.77 });
  });
});
