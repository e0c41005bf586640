import {
  copyFileSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, expect, test } from "vitest";
import { sim } from "../support/cli.js";

const tmp = mkdtempSync(join(tmpdir(), "provisim-cli2-"));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

test("sim analyze: a table by default, JSON and CSV on request", () => {
  const table = sim("analyze", "traces/code/linalg");
  expect(table.status, table.stderr).toBe(0);
  expect(table.stdout).toMatch(/^file\s+lang\s+lines/);
  expect(table.stdout).toMatch(/matmul\.py\s+python/);
  const json = JSON.parse(
    sim("analyze", "traces/code/linalg/matmul.py", "--format", "json").stdout,
  );
  expect(json[0]).toMatchObject({ language: "python", profile: expect.any(String) });
  expect(json[0].functions.map((f: { name: string }) => f.name)).toContain("matmul");
  const csv = sim("analyze", "traces/code/sort", "--format", "csv").stdout.trim().split("\n");
  expect(csv[0]).toMatch(/^file,language,function,start_line,end_line,cyclomatic,cognitive/);
  expect(csv.length).toBeGreaterThan(5);
  const missing = sim("analyze", "no/such/dir");
  expect(missing.status).toBe(2);
  expect(missing.stderr).toMatch(/no\/such\/dir: no such file or directory/);
});

test("sim analyze: deep code is analyzed, a binary skipped, an unreadable file its own row", () => {
  const dir = join(tmp, "code");
  mkdirSync(dir);
  writeFileSync(join(dir, "normal.js"), "function ok(x) { return x + 1; }\n");
  writeFileSync(join(dir, "parens.js"), `const x = ${"(".repeat(5000)}1${")".repeat(5000)};\n`);
  let ifs = "function deep(a) {\n";
  for (let i = 0; i < 1500; i++) ifs += `if (a > ${i}) {\n`;
  writeFileSync(join(dir, "ifs.js"), ifs + "a++;\n" + "}\n".repeat(1500) + "}\n");
  copyFileSync("/bin/ls", join(dir, "ls.js"));
  const table = sim("analyze", dir);
  expect(table.status, table.stderr).toBe(0);
  expect(table.stderr).toBe(`sim: warning: ${join(dir, "ls.js")}: not a text file, skipped\n`);
  const rows = table.stdout.trim().split("\n").slice(2);
  expect(rows.map((r) => r.split(/\s+/)[0])).toEqual(["ifs.js", "normal.js", "parens.js"]);
  // ifs.js: 1,501 paths, the deepest if 1,500 levels in.
  expect(rows[0]).toMatch(/^ifs\.js\s+javascript\s+3004\s+1\s+1501\s/);

  // A file that cannot be read: its row says why, the others are reported, exit 2.
  symlinkSync(join(dir, "gone.js"), join(dir, "broken.js"));
  const failing = sim("analyze", dir);
  expect(failing.status).toBe(2);
  expect(failing.stderr).toContain(
    "sim: broken.js: cannot read it: ENOENT: no such file or directory\n",
  );
  expect(failing.stdout).toMatch(/^broken\.js\s+javascript\s+cannot read it: ENOENT/m);
  expect(failing.stdout).toMatch(/^normal\.js\s+javascript\s+2\s/m);
  const json = JSON.parse(sim("analyze", dir, "--format", "json").stdout) as { path: string }[];
  expect(json.map((f) => f.path)).toEqual(["broken.js", "ifs.js", "normal.js", "parens.js"]);
  expect(json[0]).toEqual({
    path: "broken.js",
    language: "javascript",
    error: "cannot read it: ENOENT: no such file or directory",
  });
  const csv = sim("analyze", dir, "--format", "csv");
  expect(csv.status).toBe(2);
  expect(csv.stdout).not.toContain("broken.js");
  expect(csv.stdout).toContain("normal.js,javascript,ok,");
});

test("sim trace synth writes a scenario's synthetic workload as a trace", () => {
  const scenario = join(tmp, "s.yaml");
  writeFileSync(
    scenario,
    `name: s
duration: 1m
sla: { latency: 1s }
workload:
  synth:
    rate: 10/s
    cpu: { constant: 50ms }
    notifications: { share: 1, lead: { constant: 2s } }
    input: { paramSets: 3, reference: 64KiB }
policies:
  - policy: static
    config: { fleet: { t3.medium: 1 } }
`,
  );
  const out = join(tmp, "synth.csv");
  const r = sim("trace", "synth", scenario, "--out", out);
  expect(r.status, r.stderr).toBe(0);
  const lines = readFileSync(out, "utf8").trim().split("\n");
  expect(lines[0]).toBe(
    "arrival_s,function_id,code_id,params_hash,input_bytes,duration_s,cpu_s,memory_mib,io_read_mib,io_write_mib,notice_lead_s,notice_function_id,requested_profile",
  );
  expect(lines.length - 1).toBeGreaterThan(450);
  expect(lines.length - 1).toBeLessThan(750);
  // Every request announced 2 s ahead (less for the first ones, which arrived earlier than 2 s).
  expect(lines.slice(-5).every((l) => l.endsWith(",2,,"))).toBe(true);

  // And sim trace stats says what it holds.
  const table = sim("trace", "stats", out);
  expect(table.status, table.stderr).toBe(0);
  expect(table.stdout).toMatch(
    new RegExp(`${lines.length - 1} requests over 1 min, \\d+ functions`),
  );
  expect(table.stdout).toMatch(/100\.0% of requests announced/);
  expect(table.stdout).toMatch(/input size\s+100\.0%/);
  expect(table.stdout).toMatch(/input parameters: \d+ distinct hashes/);
  const json = JSON.parse(sim("trace", "stats", out, "--format", "json").stdout);
  expect(json).toMatchObject({ rows: lines.length - 1, durationS: null });
  // Of the 100 functions, most are called within the minute.
  expect(json.functions).toBeGreaterThan(50);
  expect(json.functions).toBeLessThanOrEqual(100);
  expect(json.cpuS.p50).toBeCloseTo(0.05, 2);
  // Three parameter sets per function called: at most three hashes each.
  expect(json.paramsHashes.distinct).toBeGreaterThan(json.functions);
  expect(json.paramsHashes.distinct).toBeLessThanOrEqual(3 * json.functions);
  expect(json.inputMiB.p50).toBeGreaterThan(1 / 64);
  expect(json.inputMiB.p50).toBeLessThan(1);
  writeFileSync(join(tmp, "bad.csv"), `${lines[0]}\n1,f,,,,,,,,,,,\nsoon,f,,,,,,,,,,,\n`);
  const badInput = join(tmp, "bad-input.csv");
  writeFileSync(badInput, `${lines[0]}\n1,f,,,10,,,,,,,,\n2,f,,,2.5,,,,,,,,\n`);
  const badInputStats = sim("trace", "stats", badInput);
  expect(badInputStats.status).toBe(2);
  expect(badInputStats.stderr).toMatch(
    /bad-input\.csv:3: input_bytes is not a whole number of bytes: "2\.5"/,
  );
  const bad = sim("trace", "stats", join(tmp, "bad.csv"));
  expect(bad.status).toBe(2);
  expect(bad.stderr).toMatch(/bad\.csv:3: arrival_s is not a number: "soon"/);
  const lenient = sim("trace", "stats", join(tmp, "bad.csv"), "--lenient");
  expect(lenient.status).toBe(0);
  expect(lenient.stderr).toMatch(/skipped 1 bad rows/);
});
