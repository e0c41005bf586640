import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, test } from "vitest";
import { sim } from "../support/cli.js";
import { HPA_POLICY, smallScenarioYaml } from "../support/small-scenario.js";

const tmp = mkdtempSync(join(tmpdir(), "provisim-cli-"));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const SMALL = smallScenarioYaml({ also: HPA_POLICY });

describe("sim run", () => {
  test("prints the side-by-side table and writes the reports", () => {
    const file = join(tmp, "small.yaml");
    writeFileSync(file, SMALL);
    const out = join(tmp, "out");
    const r = sim("run", file, "--out", out, "--requests");
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/static\s+autoscaled/);
    expect(r.stdout).toMatch(/cost \(USD\)/);
    expect(readdirSync(out).sort()).toEqual([
      "report.html",
      "requests.csv",
      "run.json",
      "summary.csv",
      "summary.json",
      "timeseries.csv",
    ]);
    const summary = JSON.parse(readFileSync(join(out, "summary.json"), "utf8"));
    expect(summary.policies.map((p: { policy: string }) => p.policy)).toEqual([
      "static",
      "autoscaled",
    ]);
    const csv = readFileSync(join(out, "summary.csv"), "utf8").trim().split("\n");
    expect(csv).toHaveLength(3);
    expect(csv[0]).toMatch(/^policy,replications,requests,.*latency_p99_s,.*cost_usd,/);
    const requests = readFileSync(join(out, "requests.csv"), "utf8").trim().split("\n");
    const total = summary.policies.reduce(
      (a: number, p: { requests: number; inFlightAtEnd: number }) =>
        a + p.requests - p.inFlightAtEnd,
      0,
    );
    expect(requests.length - 1).toBe(total);
    expect(readFileSync(join(out, "timeseries.csv"), "utf8")).toMatch(
      /^policy,time_s,instance_type,booting,idle,busy/,
    );
  });

  test("--policy and --seed select and reseed; the same seed gives the same bytes", () => {
    const file = join(tmp, "small.yaml");
    writeFileSync(file, SMALL);
    const a = join(tmp, "a");
    const b = join(tmp, "b");
    expect(sim("run", file, "--out", a, "--seed", "9", "--policy", "autoscaled").status).toBe(0);
    expect(sim("run", file, "--out", b, "--seed", "9", "--policy", "autoscaled").status).toBe(0);
    const ja = readFileSync(join(a, "summary.json"), "utf8");
    expect(ja).toBe(readFileSync(join(b, "summary.json"), "utf8"));
    expect(JSON.parse(ja).policies).toHaveLength(1);
    const bad = sim("run", file, "--policy", "nope");
    expect(bad.status).toBe(2);
    expect(bad.stderr).toBe(
      'sim: --policy: "nope" is not in the scenario; it has static, autoscaled\n',
    );
  });

  test("a bad scenario: every problem with file:line:column, exit 2, no stack, nothing written", () => {
    const file = join(tmp, "bad.yaml");
    writeFileSync(
      file,
      SMALL.replace("duration: 10m", "duraton: 10m")
        .replace("{ latency: 500ms }", "{}")
        .replace("rate: 5/s", "rate: 5")
        .replace("t3.medium: 2", "t3.meduim: 2")
        .replace("policy: reactive", "policy: reactiv"),
    );
    const expected = [
      `${file}:2:1: duraton: unknown key "duraton" (did you mean "duration"?); known keys: `,
      `${file}:3:1: sla.latency: \`latency\` is required`,
      `${file}:5:18: workload.synth.rate: 5 has no unit: a rate carries one (did you mean "5/s" or "5/min"?)`,
      `${file}:8:24: policies[0].config.fleet.t3.meduim: unknown instance type "t3.meduim" (did you mean "t3.medium"?)`,
      `${file}:10:13: policies[1].policy: unknown policy "reactiv" (did you mean "reactive"?)`,
      "5 problems found",
    ];
    const out = join(tmp, "bad-out");
    const r = sim("run", file, "--out", out);
    expect(r.status).toBe(2);
    const lines = r.stderr.trimEnd().split("\n");
    expect(lines).toHaveLength(expected.length);
    expected.forEach((start, i) => expect(lines[i]!.startsWith(start), lines[i]).toBe(true));
    expect(r.stderr).not.toMatch(/\n\s+at /);
    expect(existsSync(out)).toBe(false);
    const v = sim("validate", file);
    expect(v.status).toBe(2);
    expect(v.stderr).toBe(r.stderr);
  });

  test("a missing or binary scenario file is one line, exit 2", () => {
    const missing = sim("validate", "no/such.yaml");
    expect(missing.status).toBe(2);
    expect(missing.stderr).toBe("no/such.yaml: not found\n1 problem found\n");
    const binary = join(tmp, "binary.yaml");
    writeFileSync(binary, Buffer.from(Array.from({ length: 3000 }, (_, i) => (i * 37) % 256)));
    const b = sim("run", binary);
    expect(b.status).toBe(2);
    expect(b.stderr).toBe(`${binary}: not a YAML text file\n1 problem found\n`);
  });

  test("sim validate accepts the bundled scenarios; sim schema prints a JSON Schema", () => {
    for (const f of ["quickstart", "gpu-fleet", "faas-keepalive"]) {
      const r = sim("validate", `scenarios/${f}.yaml`);
      expect(r.status, r.stderr).toBe(0);
      expect(r.stdout).toMatch(/valid/);
    }
    const s = sim("schema");
    expect(s.status).toBe(0);
    expect(JSON.parse(s.stdout).$schema).toMatch(/json-schema/);
  });
});

test("a bad trace row stops sim run with file:line and exit 2; --lenient skips it and says so", () => {
  const trace = join(tmp, "bad-trace.csv");
  writeFileSync(trace, "arrival_s,function_id\n1,a\n2,b\nlater,c\n4,d\n");
  const file = join(tmp, "trace.yaml");
  writeFileSync(
    file,
    `name: replay
duration: 10s
sla: { latency: 1s }
workload:
  trace: { file: bad-trace.csv }
policies:
  - policy: static
    config: { fleet: { t3.medium: 1 } }
`,
  );
  const r = sim("run", file);
  expect(r.status).toBe(2);
  expect(r.stderr).toContain(`${trace}:4: arrival_s is not a number: "later"`);
  const lenient = sim("run", file, "--lenient");
  expect(lenient.status, lenient.stderr).toBe(0);
  expect(lenient.stderr).toMatch(/skipped 1 bad trace rows/);
  expect(lenient.stdout).toMatch(/requests\s+3/);
});
