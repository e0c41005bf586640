/**
 * Every distribution family of sim/random is reachable from a scenario
 * file: it validates, converts its units, and draws with its mean.
 */
import { readdirSync, readFileSync } from "node:fs";
import { Ajv2020 } from "ajv/dist/2020.js";
import { describe, expect, test } from "vitest";
import { parse } from "yaml";
import { RandomStreams } from "../../sim/random/streams.js";
import { meanOf, samplerOf, type DistSpec } from "../../sim/random/spec.js";
import { parseScenarioText } from "../../sim/scenario/load.js";
import { validateScenario } from "../../sim/scenario/validate.js";

const schema = JSON.parse(
  readFileSync(new URL("../../scenarios/scenario.schema.json", import.meta.url), "utf8"),
) as object;
const check = new Ajv2020({ strict: true }).compile(schema);

function scenarioWith(cpu: string, memory = "{ constant: 256MiB }"): string {
  return `name: dist
duration: 1h
sla: { latency: 1s }
workload:
  synth:
    rate: 10/s
    cpu: ${cpu}
    memory: ${memory}
policies:
  - policy: static
    config: { fleet: { m5.large: 1 } }
`;
}

function specsOf(text: string): { cpu: DistSpec; mem: DistSpec } {
  const s = validateScenario(parseScenarioText("dist.yaml", text));
  if (s.workload.kind !== "synth") throw new Error("synthetic workload expected");
  return { cpu: s.workload.synth.cpuSeconds, mem: s.workload.synth.memMiB };
}

const N = 200_000;

function sampleMean(spec: DistSpec, seed: number): { mean: number; min: number } {
  const draw = samplerOf(spec, new RandomStreams(seed).stream("test/distribution"));
  let sum = 0;
  let min = Infinity;
  for (let i = 0; i < N; i++) {
    const x = draw();
    sum += x;
    min = Math.min(min, x);
  }
  return { mean: sum / N, min };
}

// Means from each family's definition; lognormal: exp(mu + sigma^2 / 2) with
// mu = ln median, sigma = ln(p95 / median) / z95; Weibull: scale Gamma(1 + 1/k),
// Gamma(5/3) = 0.9027452929509336; normal truncated at 0 with mean = sd = 1:
// 1 + phi(1) / Phi(1); with mean 2, sd 0.5, 2 + 0.5 phi(4) / Phi(4).
const Z95 = 1.6448536269514722;
const FAMILIES: [string, string, DistSpec, number][] = [
  ["constant", "{ constant: 250ms }", { kind: "constant", value: 0.25 }, 0.25],
  ["exponential", "{ exponential: { mean: 100ms } }", { kind: "exponential", mean: 0.1 }, 0.1],
  [
    "lognormal",
    "{ lognormal: { median: 1s, p95: 3s } }",
    { kind: "lognormal", median: 1, p95: 3 },
    Math.exp((Math.log(3) / Z95) ** 2 / 2),
  ],
  ["uniform", "{ uniform: { min: 1s, max: 3s } }", { kind: "uniform", min: 1, max: 3 }, 2],
  ["gamma", "{ gamma: { shape: 2, mean: 1500ms } }", { kind: "gamma", shape: 2, mean: 1.5 }, 1.5],
  [
    "normal",
    "{ normal: { mean: 2s, sd: 500ms } }",
    { kind: "normal", mean: 2, sd: 0.5 },
    2 + (0.5 * 1.3383022576488537e-4) / 0.9999683287581669,
  ],
  [
    "normal, truncated at zero",
    "{ normal: { mean: 1s, sd: 1s } }",
    { kind: "normal", mean: 1, sd: 1 },
    1 + 0.24197072451914337 / 0.8413447460685429,
  ],
  [
    "triangular",
    "{ triangular: { min: 1s, mode: 2s, max: 6s } }",
    { kind: "triangular", min: 1, mode: 2, max: 6 },
    3,
  ],
  ["pareto", "{ pareto: { scale: 1s, shape: 3 } }", { kind: "pareto", scale: 1, shape: 3 }, 1.5],
  [
    "weibull",
    "{ weibull: { scale: 2s, shape: 1.5 } }",
    { kind: "weibull", scale: 2, shape: 1.5 },
    2 * 0.9027452929509336,
  ],
  [
    "empirical samples",
    "{ empirical: { samples: [1s, 2s, 6000ms] } }",
    { kind: "empirical", samples: [1, 2, 6] },
    3,
  ],
  [
    "empirical percentiles",
    "{ empirical: { percentiles: [{ q: 0, value: 0s }, { q: 0.5, value: 1s }, { q: 1, value: 4s }] } }",
    {
      kind: "percentiles",
      points: [
        { q: 0, value: 0 },
        { q: 0.5, value: 1 },
        { q: 1, value: 4 },
      ],
    },
    1.5,
  ],
];

describe("every distribution family from a scenario file", () => {
  test.each(FAMILIES)(
    "%s: validates, in seconds, and draws with its mean",
    (_name, yaml, spec, mean) => {
      const text = scenarioWith(yaml);
      expect(check(parse(text))).toBe(true);
      const { cpu } = specsOf(text);
      expect(cpu).toEqual(spec);
      expect(meanOf(cpu)).toBeCloseTo(mean, 9);
      const drawn = sampleMean(cpu, 20261124);
      expect(Math.abs(drawn.mean - mean)).toBeLessThan(0.01 * mean);
      expect(drawn.min).toBeGreaterThanOrEqual(0);
    },
  );

  test("the families cover every sampler of sim/random/distributions", () => {
    const dir = new URL("../../sim/random/distributions/", import.meta.url);
    const files = ["constant", ...readdirSync(dir).map((f) => f.replace(/\.ts$/, ""))];
    const reachable = new Set(FAMILIES.map(([, yaml]) => /^\{ (\w+):/.exec(yaml)![1]!));
    for (const f of files) expect(reachable, f).toContain(f);
  });

  test("sizes convert to MiB", () => {
    const { mem } = specsOf(
      scenarioWith("{ constant: 1s }", "{ triangular: { min: 128MiB, mode: 256MiB, max: 1GiB } }"),
    );
    expect(mem).toEqual({ kind: "triangular", min: 128, mode: 256, max: 1024 });
  });

  test.each([
    ["{ normal: { mean: 0s, sd: 1s } }", "workload.synth.cpu.normal.mean", /greater than zero/],
    [
      "{ triangular: { min: 2s, mode: 1s, max: 3s } }",
      "workload.synth.cpu.triangular.mode",
      /min <= mode <= max/,
    ],
    ["{ pareto: { scale: 1s, shape: 0 } }", "workload.synth.cpu.pareto.shape", /./],
    ["{ weibull: { scale: 1s } }", "workload.synth.cpu.weibull.shape", /`shape` is required/],
    [
      "{ weibull: { scale: 1, shape: 2 } }",
      "workload.synth.cpu.weibull.scale",
      /did you mean "1s"/,
    ],
    [
      "{ empirical: { percentiles: [{ q: 0.1, value: 1s }, { q: 1, value: 2s }] } }",
      "workload.synth.cpu.empirical.percentiles",
      /start at q: 0 and end at q: 1/,
    ],
    [
      "{ empirical: { percentiles: [{ q: 0, value: 3s }, { q: 1, value: 2s }] } }",
      "workload.synth.cpu.empirical.percentiles",
      /must not decrease/,
    ],
  ])("wrong parameters are refused at their path: %s", (yaml, path, message) => {
    let issues: { path: string; message: string }[] = [];
    try {
      specsOf(scenarioWith(yaml));
    } catch (e) {
      issues = (e as { issues: { path: string; message: string }[] }).issues;
    }
    expect(issues.map((i) => i.path)).toEqual([path]);
    expect(issues[0]!.message).toMatch(message);
  });
});
