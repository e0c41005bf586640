/**
 * What a synthetic request needs: CPU-seconds around its function's by any
 * distribution of a factor, and the extra time of a cold execution, drawn
 * on a stream of its own.
 */
import { describe, expect, test } from "vitest";
import type { WorkRequest } from "../../sim/model/request.js";
import { RandomStreams } from "../../sim/random/streams.js";
import { ScenarioError } from "../../sim/scenario/issues.js";
import { synthWorkload, type SynthWorkload } from "../../traces/synth/workload.js";
import { scenario } from "../support/scenario.js";
import { synthSpec } from "../support/synth.js";

function draw(spec: SynthWorkload, n: number, seed = 3): WorkRequest[] {
  const source = synthWorkload(spec, new RandomStreams(seed));
  return Array.from({ length: n }, () => source.next()!);
}

const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
const cv = (xs: number[]) => {
  const m = mean(xs);
  return Math.sqrt(mean(xs.map((x) => (x - m) ** 2))) / m;
};

describe("each request's CPU-seconds", () => {
  const n = 100_000;
  const one = { functions: 1, cpuSeconds: { kind: "constant" as const, value: 2 } };

  test("an exponential factor of mean 1 gives exponential service of the function's mean", () => {
    const cpu = draw(synthSpec({ ...one, cpuFactor: { kind: "exponential", mean: 1 } }), n).map(
      (r) => r.demand.cpuSeconds,
    );
    // Standard errors: mean 2/sqrt(n) = 0.0063; the tail share 0.0015.
    expect(Math.abs(mean(cpu) - 2)).toBeLessThan(4 * (2 / Math.sqrt(n)));
    expect(cv(cpu)).toBeCloseTo(1, 1);
    const tail = cpu.filter((c) => c > 2).length / n;
    expect(Math.abs(tail - Math.exp(-1))).toBeLessThan(0.006);
  });

  test("any other distribution too: gamma of shape 4 has a CV of 1/2", () => {
    const cpu = draw(synthSpec({ ...one, cpuFactor: { kind: "gamma", shape: 4, mean: 1 } }), n).map(
      (r) => r.demand.cpuSeconds,
    );
    expect(mean(cpu)).toBeCloseTo(2, 1);
    expect(cv(cpu)).toBeCloseTo(0.5, 1);
  });

  test("without a factor, the log-normal noise of cpuVariation", () => {
    const cpu = draw(synthSpec({ ...one, cpuVariation: 0.5 }), n).map((r) => r.demand.cpuSeconds);
    expect(mean(cpu)).toBeCloseTo(2, 1);
    expect(cv(cpu)).toBeCloseTo(0.5, 1);
  });
});

describe("the extra time of a cold execution", () => {
  test("is drawn per request when given, and moves no other draw", () => {
    const base = synthSpec({ cpuFactor: { kind: "exponential", mean: 1 } });
    const plain = draw(base, 2000);
    const extra = draw({ ...base, coldExtra: { kind: "uniform", min: 0.1, max: 0.3 } }, 2000);
    expect(plain.every((r) => r.demand.coldExtraS === undefined)).toBe(true);
    const x = extra.map((r) => r.demand.coldExtraS!);
    expect(Math.min(...x)).toBeGreaterThanOrEqual(0.1);
    expect(Math.max(...x)).toBeLessThanOrEqual(0.3);
    expect(mean(x)).toBeCloseTo(0.2, 2);
    const { coldExtraS: _, ...rest } = extra[7]!.demand;
    expect(extra.map((r) => [r.arrivalS, r.functionId])).toEqual(
      plain.map((r) => [r.arrivalS, r.functionId]),
    );
    expect(rest).toEqual(plain[7]!.demand);
  });
});

describe("in a scenario", () => {
  const doc = (synth: Record<string, unknown>) => ({
    name: "demand",
    duration: "1h",
    sla: { latency: "1s" },
    workload: { synth: { rate: "1/s", cpu: { constant: "100ms" }, ...synth } },
    policies: [{ policy: "reactive", config: { mode: "faas", type: "lambda-1769" } }],
  });

  test("cpuFactor and coldExtra reach the synthesizer in base units", () => {
    const s = scenario(
      doc({ cpuFactor: { exponential: { mean: 1 } }, coldExtra: { constant: "250ms" } }),
    );
    expect(s.workload.kind === "synth" && s.workload.synth).toMatchObject({
      cpuFactor: { kind: "exponential", mean: 1 },
      coldExtra: { kind: "constant", value: 0.25 },
    });
    const plain = scenario(doc({}));
    expect(plain.workload.kind === "synth" && "coldExtra" in plain.workload.synth).toBe(false);
  });

  test("a negative factor is an error at its path", () => {
    try {
      scenario(doc({ cpuFactor: { constant: -1 } }));
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(ScenarioError);
      const paths = (e as ScenarioError).issues.map((i) => i.path);
      expect(paths.some((p) => p.includes("cpuFactor"))).toBe(true);
    }
  });
});
