import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, test } from "vitest";
import { summaryJson } from "../../reports/summary-report.js";
import type { WorkRequest } from "../../sim/model/request.js";
import { describeExpected, expectedRequests } from "../../sim/run/expected-requests.js";
import { loadAndValidate, runPipeline, runScenario, UsageError } from "../../sim/run/pipeline.js";
import { ScenarioOptionError } from "../../sim/run/scenario-options.js";
import { ScenarioError } from "../../sim/scenario/issues.js";
import { traceRowOf } from "../../traces/synth/workload.js";
import { TraceBatch } from "../../traces/trace-batch.js";
import { TraceWriter } from "../../traces/writer.js";
import { sim } from "../support/cli.js";
import { HPA_POLICY, smallScenarioYaml } from "../support/small-scenario.js";

const tmp = mkdtempSync(join(tmpdir(), "provisim-pipeline-"));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));
const corpus = new URL("../../traces/code/", import.meta.url).pathname;

function file(name: string, text: string): string {
  const path = join(tmp, name);
  writeFileSync(path, text);
  return path;
}

const TWO = smallScenarioYaml({
  name: "two",
  seed: 3,
  duration: "5m",
  rate: "4/s",
  also: HPA_POLICY,
});

describe("options given beside the file are scenario options", () => {
  test("--seed and --policy give what a file saying them gives", async () => {
    const plain = file("two.yaml", TWO);
    const said = file(
      "said.yaml",
      TWO.replace("seed: 3", "seed: 9") + "run: { policies: [autoscaled] }\n",
    );
    const viaOptions = loadAndValidate(plain, { seed: 9, policies: ["autoscaled"] });
    expect(viaOptions.seed).toBe(9);
    expect(viaOptions.policies.map((p) => p.label)).toEqual(["autoscaled"]);
    const a = summaryJson((await runScenario(viaOptions)).report);
    const b = summaryJson((await runScenario(loadAndValidate(said))).report);
    expect(a).toBe(b);
    expect(JSON.parse(a).seed).toBe(9);
    // And differs from the file's own seed.
    const c = summaryJson(
      (await runScenario(loadAndValidate(plain, { policies: ["autoscaled"] }))).report,
    );
    expect(c).not.toBe(a);
  });

  test("a bad option is named as the option; the same in the file, at its line", () => {
    const plain = file("two.yaml", TWO);
    const e = (() => {
      try {
        loadAndValidate(plain, { policies: ["nope"] });
      } catch (err) {
        return err;
      }
    })();
    expect(e).toBeInstanceOf(ScenarioOptionError);
    expect((e as ScenarioOptionError).option).toBe("policies");
    expect((e as ScenarioOptionError).reason).toBe(
      '"nope" is not in the scenario; it has static, autoscaled',
    );
    const inFile = file("in-file.yaml", TWO + "run:\n  policies: [nope]\n");
    expect(() => loadAndValidate(inFile)).toThrow(ScenarioError);
    expect(() => loadAndValidate(inFile)).toThrow(
      `${inFile}:14:14: run.policies[0]: "nope" is not in the scenario; it has static, autoscaled`,
    );
  });

  test("--lenient is the trace's lenient, checked and normalized with it", () => {
    writeFileSync(join(tmp, "t.csv"), "arrival_s,function_id\n1,a\n");
    const doc = `name: t
duration: 10s
sla: { latency: 1s }
workload:
  trace: { file: t.csv }
policies:
  - policy: static
    config: { fleet: { t3.medium: 1 } }
`;
    const f = file("t.yaml", doc);
    const lenient = loadAndValidate(f, { lenient: true }).workload;
    expect(lenient.kind === "trace" && lenient.lenient).toBe(true);
    const strict = loadAndValidate(f).workload;
    expect(strict.kind === "trace" && strict.lenient).toBe(false);
  });
});

describe("the expected number of requests", () => {
  test("rate x horizon, per policy and in all", () => {
    const s = loadAndValidate(file("two.yaml", TWO.replace("seed: 3", "seed: 3\nreplications: 3")));
    const e = expectedRequests(s);
    expect(e.perJob).toBe(1200);
    expect(describeExpected(e)).toBe(
      "expected requests: about 1,200 per policy and replication (4/s x 300 s), 7,200 in all (2 policies x 3 replications)",
    );
  });

  test("a trace's rows, where they are cheap to count", () => {
    writeFileSync(join(tmp, "t3.csv"), "arrival_s,function_id\n1,a\n2,a\n3,b\n");
    const s = loadAndValidate(
      file(
        "t3.yaml",
        `name: t
duration: 10s
sla: { latency: 1s }
workload:
  trace: { file: t3.csv }
policies:
  - policy: static
    config: { fleet: { t3.medium: 1 } }
`,
      ),
    );
    expect(describeExpected(expectedRequests(s))).toBe(
      "expected requests: at most 3 per policy (the rows of t3.csv), 3 in all (1 policy x 1 replication)",
    );
  });

  test("beyond the limit (1e9 unless raised) the run is refused before it starts", async () => {
    const huge = file("huge.yaml", TWO.replace("4/s", "1e12/s"));
    const s = loadAndValidate(huge);
    expect(s.maxRequests).toBe(1e9);
    await expect(runScenario(s)).rejects.toThrow(UsageError);
    await expect(runPipeline({ file: huge, out: join(tmp, "never") })).rejects.toThrow(
      /about 600,000,000,000,000 requests expected .* more than the limit of 1,000,000,000; .*--max-requests N or run\.maxRequests/,
    );
    // Nothing was made for it.
    expect(() => readFileSync(join(tmp, "never", "run.json"))).toThrow();
    // A lower limit refuses a smaller run; a higher one lets it through.
    await expect(
      runScenario(loadAndValidate(file("two.yaml", TWO), { maxRequests: 1000 })),
    ).rejects.toThrow(/more than the limit of 1,000;/);
    expect(loadAndValidate(huge, { maxRequests: 1e16 }).maxRequests).toBe(1e16);
  });
});

test("sim trace synth writes exactly the requests sim run simulates, code corpus and all", async () => {
  // With a code directory whose manifest documents each program's demand,
  // the demands come from the programs, not from the distributions.
  const scenario = file(
    "code.yaml",
    `name: code
seed: 5
duration: 2m
sla: { latency: 1s }
workload:
  synth:
    rate: 20/s
    functions: 30
    cpu: { exponential: { mean: 100ms } }
    notifications: { share: 0.5, lead: { constant: 1s }, accuracy: 0.8 }
    code: ${corpus}
policies:
  - policy: static
    config: { fleet: { t3.medium: 4 } }
`,
  );
  const s = loadAndValidate(scenario);
  const seen: WorkRequest[] = [];
  await runScenario(s, { sinks: { onArrival: (r) => seen.push(r) } });
  const simulated = seen.filter((r) => r.arrivalS < s.horizonS);
  expect(simulated.length).toBeGreaterThan(2000);
  expect(new Set(simulated.map((r) => r.features?.codeId)).size).toBeGreaterThan(5);
  const expected = join(tmp, "simulated.csv");
  const w = new TraceWriter(expected);
  await w.writeBatch(TraceBatch.of(simulated.map(traceRowOf)));
  await w.close();

  const written = join(tmp, "written.csv");
  const r = sim("trace", "synth", scenario, "--out", written);
  expect(r.status, r.stderr).toBe(0);
  expect(readFileSync(written, "utf8")).toBe(readFileSync(expected, "utf8"));
});
