/** `sim compare`: two real runs, the table, the JSON, the page and the exit codes. */
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { sim } from "../support/cli.js";

const tmp = mkdtempSync(join(tmpdir(), "provisim-compare-"));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

/** Three replications, so the headline figures carry 95% intervals. */
const scenario = (fleet: number, other: string) => `name: compare-small
duration: 5m
sla: { latency: 1s }
workload:
  synth: { rate: 5/s, functions: 10, cpu: { exponential: { mean: 200ms } } }
replications: 3
policies:
  - name: fixed
    policy: static
    config: { fleet: { t3.medium: ${fleet} } }
  - name: ${other}
    policy: static
    config: { fleet: { t3.medium: 4 } }
`;

const dirA = join(tmp, "a");
const dirB = join(tmp, "b");

function run(file: string, yaml: string, out: string) {
  writeFileSync(join(tmp, file), yaml);
  const r = sim("run", join(tmp, file), "--out", out);
  expect(r.status, r.stderr).toBe(0);
}

beforeAll(() => {
  // B runs "fixed" on one more instance: it costs more, a fixed fleet's cost has a zero-width
  // interval, so the rise is significant.
  run("a.yaml", scenario(2, "retired"), dirA);
  run("b.yaml", scenario(3, "fresh"), dirB);
});

type Summary = { policies: { policy: string; costUsd: number }[] };
const summaryOf = (dir: string) =>
  JSON.parse(readFileSync(join(dir, "summary.json"), "utf8")) as Summary;

/** One line on stderr naming the problem, exit 2, no stack. */
function expectBadInput(r: ReturnType<typeof sim>, message: RegExp) {
  expect(r.status, r.stderr).toBe(2);
  expect(r.stdout).toBe("");
  expect(r.stderr.trim().split("\n")).toHaveLength(1);
  expect(r.stderr.trim()).toMatch(message);
}

describe("sim compare", () => {
  test("the table: the cost of one more instance is worse, one-sided policies listed; exit 0", () => {
    const r = sim("compare", dirA, dirB);
    expect(r.status, r.stderr).toBe(0);
    const costA = summaryOf(dirA).policies[0]!.costUsd;
    const costB = summaryOf(dirB).policies[0]!.costUsd;
    expect(costB).toBeCloseTo(1.5 * costA, 10);
    const cost = r.stdout.split("\n").find((l) => /^fixed +cost_usd /.test(l));
    expect(cost).toMatch(/ lower .* \+50\.0% +worse$/);
    expect(r.stdout).toContain(`A: ${dirA} (compare-small, seed `);
    expect(r.stdout).toContain("only in A: retired\nonly in B: fresh\n");
    expect(r.stdout).toMatch(/B against A: .*1 significantly worse/);
  });

  test("--format json gives the runs' own figures and verdicts", () => {
    const r = sim("compare", dirA, dirB, "--format", "json");
    expect(r.status, r.stderr).toBe(0);
    const json = JSON.parse(r.stdout);
    const cost = json.policies[0].metrics.find((m: { metric: string }) => m.metric === "cost_usd");
    expect(cost).toMatchObject({
      a: summaryOf(dirA).policies[0]!.costUsd,
      b: summaryOf(dirB).policies[0]!.costUsd,
      aCi95: 0,
      bCi95: 0,
      verdict: "worse",
    });
    expect(json.policies.map((p: { policy: string; in: string }) => [p.policy, p.in])).toEqual([
      ["fixed", "both"],
      ["retired", "a"],
      ["fresh", "b"],
    ]);
  });

  test("--fail-on-worse exits 1 on a significant worsening, 0 when nothing got worse", () => {
    const worse = sim("compare", dirA, dirB, "--fail-on-worse");
    expect(worse.status, worse.stderr).toBe(1);
    expect(worse.stdout).toMatch(/ worse$/m);
    // A run against itself: nothing moves.
    const same = sim("compare", dirA, dirA, "--fail-on-worse");
    expect(same.status, same.stderr).toBe(0);
    expect(same.stdout).toContain("fixed: every figure equal in A and B");
  });

  test("--html writes a self-contained page with the table", () => {
    const page = join(tmp, "compare.html");
    const r = sim("compare", dirA, dirB, "--html", page);
    expect(r.status, r.stderr).toBe(0);
    const html = readFileSync(page, "utf8");
    expect(html).toMatch(/<tr class="worse"><th[^>]*>cost_usd</);
    expect(html).not.toMatch(/<script|https?:\/\//);
    const bad = sim("compare", dirA, dirB, "--html", join(tmp, "no", "such", "page.html"));
    expect(bad.status).toBe(2);
    expect(bad.stderr).toMatch(/^sim: --html .*page\.html: cannot write it \(ENOENT\)$/m);
  });

  test("a golden file compares with the run of its scenario: every figure equal", () => {
    const out = join(tmp, "quickstart");
    expect(sim("run", "scenarios/quickstart.yaml", "--out", out).status).toBe(0);
    const r = sim("compare", "scenarios/golden/quickstart.json", out, "--fail-on-worse");
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/^B against A: \d+ equal\.$/m);
  });

  test("bad input: one line naming the file and what is wrong, exit 2", () => {
    expectBadInput(
      sim("compare", join(tmp, "missing"), dirB),
      /^sim: .*missing: no such file or directory$/,
    );
    const notRun = join(tmp, "not-a-run");
    mkdirSync(notRun);
    expectBadInput(
      sim("compare", dirA, notRun),
      /^sim: .*not-a-run: not a run directory: it has no run\.json/,
    );
    const broken = join(tmp, "broken");
    cpSync(dirA, broken, { recursive: true });
    const text = readFileSync(join(broken, "summary.json"), "utf8");
    writeFileSync(join(broken, "summary.json"), text.replace('"costUsd": ', '"costUsd": ,'));
    expectBadInput(
      sim("compare", broken, dirB),
      /^sim: .*broken\/summary\.json:\d+:\d+: not valid JSON: expected a value, found ","$/,
    );
    writeFileSync(
      join(broken, "summary.json"),
      text.replace(/"costUsd": [\d.]+/, '"costUsd": "x"'),
    );
    expectBadInput(
      sim("compare", broken, dirB),
      /^sim: .*broken\/summary\.json: policies\[0\]\.costUsd: expected a number, found the string "x"$/,
    );
    rmSync(join(broken, "summary.json"));
    expectBadInput(sim("compare", broken, dirB), /^sim: .*broken\/summary\.json: no such file$/);
    writeFileSync(join(tmp, "list.json"), "[]");
    expectBadInput(
      sim("compare", join(tmp, "list.json"), dirB),
      /^sim: .*list\.json: expected a summary object, found an array$/,
    );
  });
});
