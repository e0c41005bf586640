/**
 * `sim compare --golden REV1 [REV2]` in a repository made here: goldens of
 * two commits, and of a commit and the working tree, compared scenario by
 * scenario; a golden on one side only is named; a bad revision and a
 * directory outside any repository are clear errors (exit 2).
 */
import { execFileSync, spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, expect, test } from "vitest";

const bin = new URL("../../bin/sim.js", import.meta.url).pathname;
const goldens = new URL("../../scenarios/golden/", import.meta.url).pathname;
const tmp = mkdtempSync(join(tmpdir(), "provisim-golden-"));
const repo = join(tmp, "repo");
const outside = join(tmp, "outside");
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const sim = (cwd: string, ...args: string[]) =>
  spawnSync(process.execPath, [bin, ...args], { cwd, encoding: "utf8" });
const git = (...args: string[]) =>
  execFileSync("git", args, { cwd: repo, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });

type Golden = { policies: { policy: string; costUsd: number; ci95: { costUsd: number } | null }[] };
const quickstart = JSON.parse(readFileSync(join(goldens, "quickstart.json"), "utf8")) as Golden;
const golden = (name: string) => join(repo, "scenarios", "golden", `${name}.json`);
const write = (name: string, g: unknown) => writeFileSync(golden(name), JSON.stringify(g, null, 2));

/** quickstart with hpa's cost raised by `by` times its 95% interval (and the rest unchanged). */
function hpaCostUp(by: number): Golden {
  const g = structuredClone(quickstart);
  const hpa = g.policies.find((p) => p.policy === "hpa")!;
  hpa.costUsd += by * hpa.ci95!.costUsd;
  return g;
}

beforeAll(() => {
  mkdirSync(join(repo, "scenarios", "golden"), { recursive: true });
  mkdirSync(outside);
  git("init", "-q");
  git("config", "user.email", "test@example.invalid");
  git("config", "user.name", "test");
  write("quickstart", quickstart);
  writeFileSync(golden("faas-keepalive"), readFileSync(join(goldens, "faas-keepalive.json")));
  git("add", "-A");
  git("commit", "-q", "-m", "first");
  git("tag", "first");
  // Second commit: hpa costs well outside both intervals; faas-keepalive is gone, keda-queue new.
  write("quickstart", hpaCostUp(4));
  git("rm", "-q", "scenarios/golden/faas-keepalive.json");
  writeFileSync(golden("keda-queue"), readFileSync(join(goldens, "keda-queue.json")));
  git("add", "-A");
  git("commit", "-q", "-m", "second");
  // The working tree: quickstart back as it was, and a review copy that is no golden.
  write("quickstart", quickstart);
  write("quickstart-changed", hpaCostUp(100));
});

test("compares every golden of two commits and names those on one side only", () => {
  const r = sim(repo, "compare", "--golden", "first", "HEAD");
  expect(r.status, r.stderr).toBe(0);
  expect(r.stdout).toMatch(
    /^A: goldens at first \([0-9a-f]{12}\)\nB: goldens at HEAD \([0-9a-f]{12}\)/,
  );
  expect(r.stdout).toMatch(/== quickstart ==/);
  expect(r.stdout).toMatch(/^hpa +cost_usd +lower .* worse$/m);
  expect(r.stdout).toMatch(/static-peak: every figure equal in A and B/);
  expect(r.stdout).toMatch(
    /faas-keepalive: only in A \(first:scenarios\/golden\/faas-keepalive\.json\)/,
  );
  expect(r.stdout).toMatch(/keda-queue: only in B \(HEAD:scenarios\/golden\/keda-queue\.json\)/);
  expect(r.stdout).toMatch(/Over every scenario: 1 significantly worse, .*74 equal\./);
});

test("B defaults to the working tree, without review copies", () => {
  const r = sim(repo, "compare", "--golden", "HEAD", "--format", "json");
  expect(r.status, r.stderr).toBe(0);
  const out = JSON.parse(r.stdout) as {
    a: string;
    b: string;
    scenarios: {
      scenario: string;
      in: string;
      policies?: { policy: string; metrics: { metric: string; verdict: string }[] }[];
    }[];
    verdicts: Record<string, number>;
  };
  expect(out.b).toBe("the working tree");
  expect(out.scenarios.map((s) => [s.scenario, s.in])).toEqual([
    ["keda-queue", "both"],
    ["quickstart", "both"],
  ]);
  const hpa = out.scenarios[1]!.policies!.find((p) => p.policy === "hpa")!;
  expect(hpa.metrics.find((m) => m.metric === "cost_usd")!.verdict).toBe("better");
  expect(out.verdicts.better).toBe(1);
  expect(out.verdicts.worse).toBe(0);
});

test("--fail-on-worse exits 1 on a worse golden, and --html writes a page of every scenario", () => {
  const page = join(tmp, "goldens.html");
  const r = sim(repo, "compare", "--golden", "first", "HEAD", "--fail-on-worse", "--html", page);
  expect(r.status, r.stderr).toBe(1);
  const html = readFileSync(page, "utf8");
  expect(html).toMatch(/<h2>quickstart<\/h2>/);
  expect(html).toMatch(/<tr class="worse"><th scope="row"[^>]*>cost_usd<\/th>/);
  expect(sim(repo, "compare", "--golden", "first", "first", "--fail-on-worse").status).toBe(0);
});

test("a bad revision and a directory outside a repository are one-line errors, exit 2", () => {
  const bad = sim(repo, "compare", "--golden", "no-such-rev");
  expect(bad.status).toBe(2);
  expect(bad.stdout).toBe("");
  expect(bad.stderr).toBe(`sim: --golden: bad revision "no-such-rev": no such commit in ${repo}\n`);
  const out = sim(outside, "compare", "--golden", "HEAD");
  expect(out.status).toBe(2);
  expect(out.stderr).toMatch(/^sim: --golden: .*outside is not inside a git repository/);
  expect(sim(repo, "compare", "--golden").stderr).toMatch(/--golden needs a revision A/);
});
