import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, test } from "vitest";
import { sim, startSim } from "../support/cli.js";
import { HPA_POLICY, smallScenarioYaml } from "../support/small-scenario.js";

const tmp = mkdtempSync(join(tmpdir(), "provisim-sweep-cli-"));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

/** 4 points x 2 policies x 5 replications = 40 jobs. */
const SWEEP = `${smallScenarioYaml({ also: HPA_POLICY, duration: "3m", seed: 5 })}replications: 5
sweep:
  grid:
    workload.synth.rate: [3/s, 6/s]
    policies[autoscaled].config.targetUtilization: [0.5, 0.8]
`;

function write(name: string, text: string): string {
  const path = join(tmp, name);
  writeFileSync(path, text);
  return path;
}

/** Every file of a directory, by name, as bytes. */
function bytesOf(dir: string): Record<string, string> {
  return Object.fromEntries(
    readdirSync(dir)
      .sort()
      .map((f) => [f, readFileSync(join(dir, f)).toString("base64")]),
  );
}

const scenario = write("sweep.yaml", SWEEP);

describe("sim run on a sweep", () => {
  test("1 and 2 workers write the same bytes, every point with its intervals", () => {
    const one = join(tmp, "one");
    const two = join(tmp, "two");
    const r1 = sim("run", scenario, "--workers", "1", "--out", one);
    expect(r1.status, r1.stderr).toBe(0);
    expect(r1.stderr).toMatch(/sweep: 4 points, 40 jobs, 1 worker\b/);
    const r2 = sim("run", scenario, "--workers", "2", "--out", two);
    expect(r2.status, r2.stderr).toBe(0);
    expect(readdirSync(one).sort()).toEqual(["run.json", "sweep.csv", "sweep.json"]);
    expect(bytesOf(two)).toEqual(bytesOf(one));
    expect(r2.stdout).toBe(r1.stdout);
    const report = JSON.parse(readFileSync(join(one, "sweep.json"), "utf8"));
    expect(report.jobs).toBe(40);
    expect(report.failures).toEqual([]);
    expect(report.points).toHaveLength(4);
    for (const point of report.points) {
      for (const p of point.policies) {
        expect(p.replications).toBe(5);
        // Prediction error is no estimate for a policy that predicts nothing; the rest have intervals.
        expect(p.metrics.mapeCpuSeconds).toEqual({ mean: null, ci95: null });
        for (const [name, m] of Object.entries(p.metrics) as [string, { ci95: number }][])
          if (!name.startsWith("mape")) expect(m.ci95).toBeGreaterThanOrEqual(0);
      }
    }
    // Common random numbers: the static fleet does not see the HPA's target,
    // so at one rate its figures are the same whatever the target.
    const staticAt = (i: number) => JSON.stringify(report.points[i].policies[0]);
    expect(staticAt(1)).toBe(staticAt(0));
    expect(staticAt(3)).toBe(staticAt(2));
    expect(staticAt(2)).not.toBe(staticAt(0));
    const csv = readFileSync(join(one, "sweep.csv"), "utf8").trim().split("\n");
    expect(csv).toHaveLength(1 + 8);
    expect(csv[0]).toMatch(
      /^point,workload\.synth\.rate,policies\[autoscaled\]\.config\.targetUtilization,policy,replications,meets_sla,requests,requests_ci95,.*cost_usd,cost_usd_ci95,/,
    );
    expect(csv[1]).toMatch(/^0,3\/s,0\.5,static,5,/);
  });

  test("4 shards run as separate processes and merged are the bytes of the unsharded run", async () => {
    const whole = join(tmp, "whole");
    expect(sim("run", scenario, "--workers", "1", "--out", whole).status).toBe(0);
    const shards = [0, 1, 2, 3].map((i) => join(tmp, `shard-${i}`));
    const runs = shards.map((dir, i) =>
      startSim(["run", scenario, "--workers", "1", "--shard", `${i}/4`, "--out", dir]),
    );
    const ends = await Promise.all(runs.map((r) => r.exited));
    ends.forEach((e, i) => expect(e.code, runs[i]!.stderr()).toBe(0));
    for (const dir of shards) expect(readdirSync(dir).sort()).toEqual(["run.json", "shard.json"]);
    const merged = join(tmp, "merged");
    const m = sim("merge", ...shards, "--out", merged);
    expect(m.status, m.stderr).toBe(0);
    expect(bytesOf(merged)).toEqual(bytesOf(whole));

    const missing = sim("merge", shards[0]!, shards[1]!, shards[3]!);
    expect(missing.status).toBe(2);
    expect(missing.stderr).toMatch(/missing shard 2\/4 \(have 0\/4, 1\/4, 3\/4\)/);
    const twice = sim("merge", ...shards, shards[2]!);
    expect(twice.status).toBe(2);
    expect(twice.stderr).toMatch(/shard 2\/4 is given twice/);
    // A shard of the same sweep with another seed is of another scenario.
    const other = join(tmp, "other-shard");
    expect(sim("run", scenario, "--seed", "6", "--shard", "2/4", "--out", other).status).toBe(0);
    const mismatched = sim("merge", shards[0]!, shards[1]!, other, shards[3]!);
    expect(mismatched.status).toBe(2);
    expect(mismatched.stderr).toMatch(/is a shard of another scenario than .*scenario hash/);
    const notShard = sim("merge", whole);
    expect(notShard.status).toBe(2);
    expect(notShard.stderr).toMatch(/no shard\.json/);
  });

  test("--shard is checked, and needs a sweep", () => {
    const bad = sim("run", scenario, "--shard", "4/4");
    expect(bad.status).toBe(2);
    expect(bad.stderr).toMatch(/--shard "4\/4": give i\/n with 0 <= i < n/);
    const plain = write("plain.yaml", smallScenarioYaml({ duration: "1m" }));
    const noSweep = sim("run", plain, "--shard", "0/2");
    expect(noSweep.status).toBe(2);
    expect(noSweep.stderr).toMatch(/no sweep: block/);
    expect(sim("run", scenario, "--workers", "0").stderr).toMatch(/--workers "0"/);
  });

  test("a failing job names its point and seed; the others finish; the exit is non-zero", () => {
    const good = write("good.csv", "arrival_s,function_id,cpu_s\n1,f,0.1\n2,f,0.1\n3,g,0.2\n");
    const bad = write("bad.csv", "arrival_s,function_id,cpu_s\n1,f,0.1\nlater,f,0.1\n3,g,0.2\n");
    const traced = write(
      "traced.yaml",
      `name: traced
seed: 11
duration: 1m
sla: { latency: 500ms }
workload:
  trace: { file: ${good} }
replications: 2
policies:
  - policy: static
    config: { fleet: { t3.medium: 1 } }
sweep:
  points:
    - workload.trace.file: ${good}
    - workload.trace.file: ${bad}
    - workload.trace.file: ${good}
`,
    );
    const out = join(tmp, "traced-out");
    for (const workers of ["1", "2"]) {
      const r = sim("run", traced, "--workers", workers, "--out", out);
      expect(r.status, r.stderr).toBe(1);
      const failed = r.stderr.split("\n").filter((l) => l.startsWith("sim: failed:"));
      expect(failed).toHaveLength(2);
      expect(failed[0]).toMatch(
        new RegExp(
          `job 2: sweep point 1 \\(workload\\.trace\\.file=${bad.replace(/[.]/g, "\\.")}\\), policy static, seed 11 replication 0: .*later`,
        ),
      );
      expect(r.stderr).toMatch(/2 of 6 jobs failed; the others ran to the end/);
      const report = JSON.parse(readFileSync(join(out, "sweep.json"), "utf8"));
      expect(
        report.points.map(
          (p: { policies: { replications: number }[] }) => p.policies[0]!.replications,
        ),
      ).toEqual([2, 0, 2]);
      expect(report.failures.map((f: { job: number; seed: number }) => [f.job, f.seed])).toEqual([
        [2, 11],
        [3, 11],
      ]);
    }
  });
});
