/**
 * Replaying a trace is running its requests: a synthetic workload written
 * out as a trace and replayed gives the very same summary as running it
 * directly, across the batch boundaries of the streamed reader.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, expect, test } from "vitest";
import { stringify } from "yaml";
import { summaryJson } from "../../reports/summary-report.js";
import { runScenario } from "../../sim/run/pipeline.js";
import { runJob } from "../../sim/run/run-job.js";
import { RandomStreams } from "../../sim/random/streams.js";
import { parseScenarioText } from "../../sim/scenario/load.js";
import { validateScenario } from "../../sim/scenario/validate.js";
import { synthWorkload, traceRowOf } from "../../traces/synth/workload.js";
import { TraceWriter } from "../../traces/writer.js";
import { prewarmOnNotice } from "../support/notice-policy.js";

const dir = mkdtempSync(join(tmpdir(), "provisim-replay-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const base = {
  name: "replay",
  seed: 8,
  duration: "10m",
  sla: { latency: "300ms" },
  policies: [
    { policy: "static", config: { fleet: { "c5.large": 3 }, concurrency: 2 } },
    { policy: "reactive", config: { mode: "hpa", type: "c5.large", minInstances: 1 } },
  ],
};
const synth = {
  rate: "25/s",
  functions: 50,
  cpu: { lognormal: { median: "60ms", p95: "300ms" } },
  parallelFraction: 0.3,
};

test("a synthetic workload replayed from its trace gives an identical summary", async () => {
  const direct = validateScenario(
    parseScenarioText(join(dir, "direct.yaml"), stringify({ ...base, workload: { synth } })),
  );
  if (direct.workload.kind !== "synth") throw new Error("synth expected");
  const traceFile = join(dir, "requests.csv.gz");
  const writer = new TraceWriter(traceFile);
  const source = synthWorkload(direct.workload.synth, new RandomStreams(8).child("rep-0"));
  let n = 0;
  for (let r = source.next(); r && r.arrivalS < 600; r = source.next()) {
    n++;
    await writer.write(traceRowOf(r));
  }
  await writer.close();
  expect(n).toBeGreaterThan(8192 + 1000); // more than one reader batch

  const replay = validateScenario(
    parseScenarioText(
      join(dir, "replay.yaml"),
      stringify({
        ...base,
        workload: { trace: { file: "requests.csv.gz", parallelFraction: 0.3 } },
      }),
    ),
  );
  const a = await runScenario(direct);
  const b = await runScenario(replay);
  expect(b.report.policies[0]!.requests).toBe(n);
  expect(summaryJson(b.report)).toBe(summaryJson(a.report));
});

test("notices replayed from a trace reach the policy as they do from the synthesizer", async () => {
  const scenario = (name: string, workload: object) =>
    validateScenario(
      parseScenarioText(
        join(dir, `${name}.yaml`),
        stringify({
          ...base,
          policies: [
            { policy: "reactive", config: { mode: "faas", type: "lambda-1769", keepAlive: "30s" } },
          ],
          // Lead times up to 20 s, read 25 s ahead: none late.
          execution: { noticeLookahead: "25s" },
          workload,
        }),
      ),
    );
  const notifications = { share: 0.8, lead: { uniform: { min: "1s", max: "20s" } }, accuracy: 0.9 };
  const direct = scenario("direct-notices", { synth: { ...synth, notifications } });
  if (direct.workload.kind !== "synth") throw new Error("synth expected");
  const traceFile = join(dir, "announced.csv");
  const writer = new TraceWriter(traceFile);
  const source = synthWorkload(direct.workload.synth, new RandomStreams(8).child("rep-0"));
  for (let r = source.next(); r && r.arrivalS < 600; r = source.next())
    await writer.write(traceRowOf(r));
  await writer.close();
  const replay = scenario("replay-notices", {
    trace: { file: "announced.csv", parallelFraction: 0.3 },
  });
  // The same runs with a policy that starts sandboxes on notice.
  const withNotices = (s: typeof direct) => ({
    ...s,
    policies: s.policies.map((p) => ({ ...p, policy: prewarmOnNotice })),
  });
  const job = { index: 0, policyIndex: 0, replication: 0 };
  const a = await runJob(withNotices(direct), job);
  const b = await runJob(withNotices(replay), job);
  expect(a.summary.notices).toBeGreaterThan(0.75 * a.summary.requests);
  expect(a.summary.noticesLate).toBe(0);
  expect(b.summary).toEqual(a.summary);
  // And they mattered: without them, more cold starts.
  const plain = await runJob(direct, job);
  expect(plain.summary.coldStarts).toBeGreaterThan(a.summary.coldStarts);
});
