/**
 * The viewer's figures from requests.csv against the run's own summary:
 * over all of a policy's rows they give the summary's completed requests
 * and cold starts, and its requests less those in flight at the end (which
 * end after the horizon and have no row); a function's rows add up to the
 * whole.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, expect, test } from "vitest";
import { comparisonRows } from "../../web-viewer/src/comparison.js";
import { functionChoices } from "../../web-viewer/src/filter.js";
import { parseRequests, parseSummary } from "../../web-viewer/src/parse-run.js";
import { requestFigures } from "../../web-viewer/src/request-figures.js";
import type { LoadedRun } from "../../web-viewer/src/run-data.js";
import { sim } from "../support/cli.js";

const tmp = mkdtempSync(join(tmpdir(), "provisim-viewer-figures-"));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

let run: LoadedRun;

beforeAll(() => {
  writeFileSync(
    join(tmp, "s.yaml"),
    `name: figures
duration: 5m
sla: { latency: 300ms }
workload:
  synth: { rate: 5/s, functions: 5, zipf: 1, cpu: { lognormal: { median: 40ms, p95: 200ms } } }
replications: 3
policies:
  - name: faas
    policy: reactive
    config: { mode: faas, type: lambda-1769, keepAlive: 30s }
  - name: fixed
    policy: static
    config: { fleet: { t3.medium: 1 } }
`,
  );
  const out = join(tmp, "out");
  const r = sim("run", join(tmp, "s.yaml"), "--requests", "--out", out);
  expect(r.status, r.stderr).toBe(0);
  run = {
    label: "out",
    summary: parseSummary("summary.json", readFileSync(join(out, "summary.json"), "utf8")),
    timeseries: [],
    requests: parseRequests("requests.csv", readFileSync(join(out, "requests.csv"), "utf8")),
  };
});

test("all of a policy's rows give its summary's counts", () => {
  for (const p of run.summary.policies) {
    const rows = run.requests!.filter((r) => r.policy === p.policy);
    const f = requestFigures(rows, run.summary.slaLatencyS, p.replications);
    expect(f.requests).toBeCloseTo(p.requests - p.inFlightAtEnd, 9);
    expect(f.completed).toBeCloseTo(p.completed, 9);
    expect(f.coldStarts).toBeCloseTo(p.coldStarts, 9);
  }
  expect(run.summary.policies.find((p) => p.policy === "faas")!.coldStarts).toBeGreaterThan(0);
});

test("each function's rows in the comparison add up to the whole", () => {
  const functions = functionChoices([run]);
  expect(functions.length).toBe(5);
  const whole = comparisonRows([run], { kind: "all" });
  const parts = functions.map((f) => comparisonRows([run], { kind: "function", functionId: f.id }));
  for (const [i, w] of whole.entries()) {
    const p = run.summary.policies[i]!;
    const sum = (k: "requests" | "completed" | "coldStarts") =>
      parts.reduce((a, rows) => a + (rows[i]![k] ?? 0), 0);
    expect(sum("requests")).toBeCloseTo(w.requests! - p.inFlightAtEnd, 9);
    expect(sum("completed")).toBeCloseTo(w.completed!, 9);
    expect(sum("coldStarts")).toBeCloseTo(w.coldStarts!, 9);
    for (const rows of parts) expect(rows[i]!.costUsd).toBeNull();
  }
});

test("quoted cells (a policy name with a comma) read as the plain ones do", () => {
  const head = "policy,function_id,arrival_s,end_s,outcome,cold_start\n";
  const plain = parseRequests(
    "p.csv",
    `${head.replace("\n", "\r\n")}ab,1,0.5,1,completed,false\r\n`,
  );
  const quoted = parseRequests("q.csv", `${head}"a,b",1,0.5,1,completed,true\n`);
  expect(plain).toEqual([
    { policy: "ab", functionId: 1, arrivalS: 0.5, endS: 1, outcome: "completed", cold: false },
  ]);
  expect(quoted).toEqual([{ ...plain[0], policy: "a,b", cold: true }]);
  expect(() => parseRequests("q.csv", `${head}"a,b",1,0.5,1,lost,true\n`)).toThrow(
    'q.csv, line 2, column outcome: unknown outcome "lost"',
  );
});

test("a bad cell names the file, line and column", () => {
  const text =
    "policy,function_id,arrival_s,end_s,outcome,cold_start\na,1,0.5,1,completed,false\na,x,1,2,completed,true\n";
  expect(() => parseRequests("runs/requests.csv", text)).toThrow(
    'runs/requests.csv, line 3, column function_id: expected a number, got "x"',
  );
  expect(() => parseRequests("r.csv", "policy,outcome\n")).toThrow(
    "r.csv, line 1: no column function_id",
  );
  expect(() => parseSummary("s.json", '{"policies": 3}')).toThrow("s.json: expected a run summary");
});
