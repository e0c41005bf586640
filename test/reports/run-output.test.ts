/** What `sim run` prints after the table, and the columns it writes, end to end. */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, expect, test } from "vitest";
import { REQUESTS_CSV, SUMMARY_CSV, TABLE_ROWS } from "../../reports/legend.js";
import { sim } from "../support/cli.js";

const tmp = mkdtempSync(join(tmpdir(), "provisim-report-"));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

// 2.5 busy slots of work: "one" has 2 slots, so it saturates, its queue
// times requests out and it misses the SLA; "four" has room to spare.
const SCENARIO = `name: two
duration: 10m
sla: { latency: 1s, attainment: 0.95 }
workload:
  synth: { rate: 25/s, functions: 10, cpu: { exponential: { mean: 100ms } }, parallelFraction: 0 }
queue: { capacity: 100, timeout: 3s }
replications: 3
policies:
  - name: one
    policy: static
    config: { fleet: { t3.medium: 1 }, concurrency: 2 }
  - name: four
    policy: static
    config: { fleet: { t3.medium: 4 }, concurrency: 2 }
`;

test("sim run: the pointer, the verdict and the warnings under the table; --explain adds the legend", () => {
  const file = join(tmp, "two.yaml");
  writeFileSync(file, SCENARIO);
  const out = join(tmp, "out");
  const r = sim("run", file, "--out", out, "--requests");
  expect(r.status, r.stderr).toBe(0);
  const lines = r.stdout.trimEnd().split("\n");
  // The table (title, header, rule, a line per row), then the sparklines (a title, a line per policy).
  const sparklines = 3 + Object.keys(TABLE_ROWS).length;
  expect(lines[sparklines]).toMatch(/^instances over time \(full block = \d+\):$/);
  expect(lines[sparklines + 1]).toMatch(/^ {2}one {2}[▁▂▃▄▅▆▇█ ]+ {2}max \d+$/);
  const pointer = sparklines + 3;
  expect(lines[pointer]).toBe(
    "(every row above and every CSV column: sim run <scenario> --explain)",
  );
  expect(lines[pointer + 1]).toMatch(
    /^verdict: four is the only policy that meets the SLA \(95% of requests within 1\.00 s\), at \$[\d.]+ ±[\d.]+; one \([\d.]+% ±[\d.]+%\) costs less but misses the SLA/,
  );
  expect(lines.slice(pointer + 2)).toEqual([
    expect.stringMatching(/^warning: one: [\d.]+% of requests failed or were rejected/),
    expect.stringMatching(
      /^warning: one misses the SLA: [\d.]+% of requests within 1\.00 s, the target is 95%$/,
    ),
    expect.stringMatching(/^warning: one: utilization 9\d\.\d%: the fleet is overloaded/),
  ]);
  // requests.csv and summary.csv carry exactly the columns the legend defines.
  const head = (f: string) => readFileSync(join(out, f), "utf8").split("\n")[0]!.split(",");
  expect(head("requests.csv")).toEqual(Object.keys(REQUESTS_CSV));
  expect(head("summary.csv")).toEqual(Object.keys(SUMMARY_CSV));

  const e = sim("run", file, "--explain");
  expect(e.status, e.stderr).toBe(0);
  expect(e.stdout).not.toContain("--explain)");
  expect(e.stdout).toMatch(/\n {2}in flight at end {2}still queued or running at the horizon/);
  expect(e.stdout).toMatch(/\nrequests\.csv: .*\n {2}policy /);
  expect(e.stdout).toContain("  latency_p99_s_ci95 ");
});
