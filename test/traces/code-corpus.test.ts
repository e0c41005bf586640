import { expect, test } from "vitest";
import { stringify } from "yaml";
import { runScenario } from "../../sim/run/pipeline.js";
import { RandomStreams } from "../../sim/random/streams.js";
import { parseScenarioText } from "../../sim/scenario/load.js";
import { validateScenario } from "../../sim/scenario/validate.js";
import { loadCodeCorpus } from "../../traces/code-corpus.js";
import { synthWorkload } from "../../traces/synth/workload.js";
import { synthSpec } from "../support/synth.js";

const corpusDir = new URL("../../traces/code/", import.meta.url).pathname;

test("the bundled corpus: many programs, languages and shapes, each with a documented demand", async () => {
  const programs = await loadCodeCorpus(corpusDir);
  expect(programs.length).toBeGreaterThanOrEqual(30);
  expect(new Set(programs.map((p) => p.features.language)).size).toBeGreaterThanOrEqual(5);
  expect(programs.every((p) => p.demand !== null)).toBe(true);
  const score = (path: string) =>
    programs.find((p) => p.path === path)!.features.complexityScore as number;
  expect(score("linalg/matmul.py")).toBeGreaterThan(score("gpu/saxpy.ts"));
  expect(score("parse/json_tokenizer.js")).toBeGreaterThan(score("web/handler.js"));
});

test("requests carry their program's features, and its documented demand", async () => {
  const programs = await loadCodeCorpus(corpusDir);
  const source = synthWorkload(
    synthSpec({
      functions: 28,
      cpuSeconds: { kind: "constant", value: 1 },
      parallelFraction: 0.5,
      memMiB: { kind: "constant", value: 100 },
    }),
    new RandomStreams(1),
    programs,
  );
  for (let i = 0; i < 200; i++) {
    const r = source.next()!;
    const program = programs[r.functionId % programs.length]!;
    expect(r.features).toBe(program.features);
    expect(r.demand.cpuSeconds).toBeCloseTo(program.demand!.cpuSeconds, 12);
    expect(r.demand.parallelFraction).toBe(program.demand!.parallelFraction);
    expect(r.demand.memMiB).toBe(program.demand!.memMiB);
  }
});

test("a scenario can point its functions at a code directory", async () => {
  const doc = (code?: string) => ({
    name: "code",
    duration: "10m",
    sla: { latency: "2s" },
    workload: {
      synth: { rate: "5/s", functions: 30, cpu: { constant: "100ms" }, ...(code ? { code } : {}) },
    },
    policies: [{ policy: "static", config: { fleet: { "c5.2xlarge": 4 } } }],
  });
  const withCode = validateScenario(
    parseScenarioText(`${corpusDir}../s.yaml`, stringify(doc("code"))),
  );
  const without = validateScenario(parseScenarioText(`${corpusDir}../s.yaml`, stringify(doc())));
  const a = (await runScenario(withCode)).report.policies[0]!;
  const b = (await runScenario(without)).report.policies[0]!;
  expect(a.requests).toBe(b.requests);
  // The corpus's documented demands are heavier than a flat 100 ms.
  expect(a.latencyS.mean).toBeGreaterThan(b.latencyS.mean);
  expect(() =>
    validateScenario(parseScenarioText("/tmp/x.yaml", stringify(doc("no-such-dir")))),
  ).toThrow(/no such code directory/);
});
