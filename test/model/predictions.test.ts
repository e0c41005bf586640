/**
 * The `predict` action: what a policy predicted of each request is scored
 * against what the request measured when it completed (MAPE per figure,
 * envelope coverage against the stated confidence), in the summary.
 */
import { describe, expect, test } from "vitest";
import { PredictionMetrics } from "../../sim/model/prediction-metrics.js";
import type { Action, CompletionFeedback } from "../../sim/policies/types.js";
import { req, runAlloc, testPolicy } from "../support/alloc-harness.js";

const TYPE = "c5.2xlarge";

function run(requests: ReturnType<typeof req>[], predict: (id: number) => Action[]) {
  const feedback: CompletionFeedback[] = [];
  const policy = testPolicy({
    typesUsed: () => [TYPE],
    init: () => ({
      state: {},
      actions: [
        { kind: "pool", pool: "default", concurrency: 4 },
        { kind: "provision", pool: "default", type: TYPE, count: 2, prewarmed: true },
      ],
    }),
    onArrival: (s, _c, r) => ({
      state: s,
      actions: [...predict(r.id), { kind: "route", pool: "default" }],
    }),
    onCompletion: (s, _c, fb) => (feedback.push(fb), { state: s, actions: [] }),
  });
  return { feedback, summary: runAlloc(policy, requests, 1000).summary };
}

const requests = Array.from({ length: 20 }, (_, i) =>
  req(i * 3, { cpuSeconds: 5 + i, memMiB: 1000 }),
);

describe("predictions", () => {
  test("are scored against each completed request's measurements", () => {
    const { feedback, summary } = run(requests, (id) => [
      {
        kind: "predict",
        requestId: id,
        serviceS: 10,
        cpuSeconds: 12,
        ...(id % 2 === 0 ? { peakMemMiB: 800 } : {}),
        envelope: {
          cpuSeconds: [8, 16],
          peakMemMiB: [0, id % 4 === 0 ? 1000 : 950],
          confidence: 0.9,
        },
      },
    ]);
    expect(feedback).toHaveLength(20);
    const p = summary.predictions!;
    expect(p.requests).toBe(20);
    const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
    expect(p.mape.serviceS).toBeCloseTo(
      mean(feedback.map((f) => Math.abs(10 - f.serviceS) / f.serviceS)),
      12,
    );
    expect(p.mape.cpuSeconds).toBeCloseTo(
      mean(feedback.map((f) => Math.abs(12 - f.cpuSeconds) / f.cpuSeconds)),
      12,
    );
    const even = feedback.filter((f) => f.request.id % 2 === 0);
    expect(p.mape.peakMemMiB).toBeCloseTo(
      mean(even.map((f) => Math.abs(800 - f.peakMemMiB) / f.peakMemMiB)),
      12,
    );
    const inCpu = feedback.filter((f) => f.cpuSeconds >= 8 && f.cpuSeconds <= 16).length / 20;
    expect(inCpu).toBeGreaterThan(0);
    expect(inCpu).toBeLessThan(1);
    expect(p.envelope).toEqual({
      requests: 20,
      statedConfidence: 0.9,
      coverage: {
        cpuSeconds: inCpu,
        peakMemMiB: 5 / 20,
        all:
          feedback.filter((f) => f.request.id % 4 === 0 && f.cpuSeconds >= 8 && f.cpuSeconds <= 16)
            .length / 20,
      },
    });
  });

  test("a later prediction replaces an earlier one, and none leaves no figures", () => {
    const { summary } = run(requests, (id) => [
      { kind: "predict", requestId: id, cpuSeconds: 1 },
      { kind: "predict", requestId: id, cpuSeconds: 5 + id },
    ]);
    expect(summary.predictions).toEqual({ requests: 20, mape: { cpuSeconds: 0 } });
    expect(run(requests, () => []).summary.predictions).toBeUndefined();
  });

  test("a measurement of zero is not scored (no division by it)", () => {
    const m = new PredictionMetrics();
    m.record({ cpuSeconds: 3 }, { cpuSeconds: 0 } as CompletionFeedback);
    expect(m.summarize()).toEqual({ requests: 1, mape: {} });
  });
});
