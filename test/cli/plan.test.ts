/** `sim plan` as a user runs it: the table, JSON, the report page, and its exit codes. */
import { existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { afterAll, describe, expect, test } from "vitest";
import { sim } from "../support/cli.js";
import { mmcPlanYaml, scenarioFile, type MmcPlan } from "../support/plan-scenario.js";

const BASE: MmcPlan = { lambda: 10, meanServiceS: 0.2, targetWaitS: 0.008, instances: [3, 6] };
const file = scenarioFile(mmcPlanYaml(BASE));
const tmp = dirname(file);
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe("sim plan", () => {
  test("prints the winner first, with its interval, and exits 0", () => {
    const r = sim("plan", file);
    expect(r.status, r.stderr).toBe(0);
    const lines = r.stdout.split("\n");
    expect(lines[0]).toMatch(/^plan mmc-plan: policy "fleet", 4 candidates/);
    expect(lines[1]).toBe(
      "SLA, each with 95% confidence: SLA attainment >= 99% (within 60.0 min), mean queue wait <= 8 ms",
    );
    expect(lines[5]).toMatch(/^instances=5\s+3\s+\$0\.0800 ±0\.0000 .* meets\s+winner$/);
    expect(r.stdout).toMatch(
      /cheapest configuration meeting the SLA with 95% confidence: instances=5, \$0\.0800 ±0\.0000 \(3 replications\); \d+ runs of a budget of 200\n$/,
    );
  });

  test("--format json and --out: the same report, and a self-contained page", () => {
    const out = join(tmp, "out");
    const r = sim("plan", file, "--format", "json", "--out", out);
    expect(r.status, r.stderr).toBe(0);
    const report = JSON.parse(r.stdout);
    expect(report.outcome).toBe("found");
    expect(report.candidates[report.winner].settings).toEqual({ instances: 5 });
    expect(readdirSync(out).sort()).toEqual(["plan.html", "plan.json"]);
    expect(readFileSync(join(out, "plan.json"), "utf8")).toBe(r.stdout);
    const html = readFileSync(join(out, "plan.html"), "utf8");
    expect(html).toContain("<h1>mmc-plan: plan</h1>");
    expect(html).toContain("default-src 'none'");
    expect(html).not.toMatch(/<script[^>]+src=/);
    expect(html).toContain('<th scope="row">instances=5</th>');
    // The same seed gives the same bytes.
    expect(sim("plan", file, "--format", "json").stdout).toBe(r.stdout);
  });

  test("exit code 1 when no configuration meets the SLA, 4 when the budget runs out", () => {
    const none = sim("plan", scenarioFile(mmcPlanYaml({ ...BASE, instances: [2, 4] })));
    expect(none.status).toBe(1);
    expect(none.stdout).toMatch(/no configuration meets the SLA with 95% confidence/);
    const spent = sim("plan", scenarioFile(mmcPlanYaml({ ...BASE, budget: 5 })));
    expect(spent.status).toBe(4);
    expect(spent.stdout).toMatch(/budget spent before the search was decided/);
  });

  test("bad input: positioned problems or a one-line reason, exit 2, nothing written", () => {
    const out = join(tmp, "bad-out");
    const bad = join(tmp, "bad.yaml");
    writeFileSync(bad, mmcPlanYaml(BASE).replace("budget: 200", "budget: -1"));
    const r = sim("plan", bad, "--out", out);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/bad\.yaml:\d+:\d+: plan\.budget: /);
    expect(existsSync(out)).toBe(false);
    const noPlan = sim("plan", "scenarios/quickstart.yaml");
    expect(noPlan.status).toBe(2);
    expect(noPlan.stderr).toMatch(/quickstart\.yaml: has no plan: section/);
    expect(sim("plan", file, "--seed", "x").status).toBe(2);
    // The whole budget counts against the request limit: 200 runs of 6,000 requests.
    const big = sim("plan", file, "--max-requests", "1e6");
    expect(big.status).toBe(2);
    expect(big.stderr).toMatch(/about 1,200,000 requests expected .* each of 200 jobs/);
  });
});
