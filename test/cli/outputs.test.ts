/** Where sim writes: whole directories and files or nothing, and one line for a bad target. */
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, test } from "vitest";
import { sim } from "../support/cli.js";
import { smallScenarioYaml } from "../support/small-scenario.js";

const tmp = mkdtempSync(join(tmpdir(), "provisim-outputs-"));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const SMALL = smallScenarioYaml({ duration: "2m" });
const scenario = join(tmp, "small.yaml");
writeFileSync(scenario, SMALL);
const version = (JSON.parse(readFileSync("package.json", "utf8")) as { version: string }).version;

/** One line on stderr, exit 2, no stack. */
function expectOneLine(r: ReturnType<typeof sim>, message: RegExp) {
  expect(r.status, r.stderr).toBe(2);
  expect(r.stderr).toMatch(message);
  expect(r.stderr.trim().split("\n")).toHaveLength(1);
  expect(r.stderr).not.toMatch(/\n\s+at /);
}

describe("sim run --out", () => {
  test("is written whole, with run.json, replacing an earlier run's files", () => {
    const out = join(tmp, "out");
    expect(sim("run", scenario, "--out", out, "--requests").status).toBe(0);
    expect(readdirSync(out)).toContain("requests.csv");
    const again = sim("run", scenario, "--out", out, "--seed", "4");
    expect(again.status, again.stderr).toBe(0);
    // No requests.csv of the earlier run beside the new summary.
    expect(readdirSync(out).sort()).toEqual([
      "report.html",
      "run.json",
      "summary.csv",
      "summary.json",
      "timeseries.csv",
    ]);
    const manifest = JSON.parse(readFileSync(join(out, "run.json"), "utf8"));
    expect(manifest).toEqual({
      scenario: { file: scenario, name: "small" },
      seed: 4,
      provisim: version,
      files: ["summary.json", "summary.csv", "timeseries.csv", "report.html"].map((name) => ({
        name,
        bytes: statSync(join(out, name)).size,
      })),
    });
    expect(JSON.parse(readFileSync(join(out, "summary.json"), "utf8")).seed).toBe(4);
    expect(readdirSync(tmp).filter((f) => f.startsWith("."))).toEqual([]);
  });

  test("a failing run makes no --out, and leaves nothing beside it", () => {
    writeFileSync(join(tmp, "bad.csv"), "arrival_s,function_id\n1,a\nlater,b\n");
    const file = join(tmp, "bad-trace.yaml");
    writeFileSync(
      file,
      SMALL.replace(
        "synth: { rate: 5/s, functions: 10, cpu: { exponential: { mean: 100ms } } }",
        "trace: { file: bad.csv }",
      ),
    );
    const out = join(tmp, "made", "by", "failing");
    const r = sim("run", file, "--out", out, "--requests");
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/bad\.csv:3: arrival_s is not a number/);
    expect(existsSync(join(tmp, "made"))).toBe(false);
    expect(readdirSync(tmp).filter((f) => f.startsWith("."))).toEqual([]);
  });

  test("an existing file, a path under a file, a directory no run wrote, one not writable", () => {
    const aFile = join(tmp, "a-file");
    writeFileSync(aFile, "x");
    expectOneLine(
      sim("run", scenario, "--out", aFile),
      /^sim: --out .*a-file: is a file, not a directory$/m,
    );
    expectOneLine(
      sim("run", scenario, "--out", join(aFile, "sub")),
      /^sim: --out .*a-file\/sub: .*a-file is a file, not a directory$/m,
    );
    const foreign = join(tmp, "notes");
    mkdirSync(foreign);
    writeFileSync(join(foreign, "mine.txt"), "keep me");
    expectOneLine(
      sim("run", scenario, "--out", foreign),
      /^sim: --out .*notes: holds files no run wrote \(mine\.txt\); name a new or empty directory/m,
    );
    expect(readFileSync(join(foreign, "mine.txt"), "utf8")).toBe("keep me");
    // /proc takes no new directory, even from root.
    expectOneLine(
      sim("run", scenario, "--out", "/proc/provisim-out"),
      /^sim: --out \/proc\/provisim-out: /m,
    );
    expect(readFileSync(aFile, "utf8")).toBe("x");
  });
});

describe("sim trace synth and import --out", () => {
  test("a directory, a path under a file, a missing directory: one line, nothing written", () => {
    const dir = join(tmp, "trace-dir");
    mkdirSync(dir);
    expectOneLine(
      sim("trace", "synth", scenario, "--out", dir),
      /^sim: --out .*trace-dir: is a directory; name a file \(\.csv or \.csv\.gz\)$/m,
    );
    expect(readdirSync(dir)).toEqual([]);
    expect(readdirSync(tmp).filter((f) => f.includes("partial"))).toEqual([]);
    expectOneLine(
      sim("trace", "import", "azure2021", "traces/samples/azure2021-sample.csv.gz", "--out", dir),
      /is a directory/,
    );
    writeFileSync(join(tmp, "f"), "");
    expectOneLine(
      sim("trace", "synth", scenario, "--out", join(tmp, "f", "t.csv")),
      /f is a file, not a directory/,
    );
    expectOneLine(
      sim("trace", "synth", scenario, "--out", join(tmp, "nowhere", "t.csv")),
      /no such directory/,
    );
  });
});

describe("bad option values: one line, exit 2", () => {
  test.each(["abc", "1.5", "-1"])("--seed %s", (seed) => {
    expectOneLine(
      sim("run", scenario, `--seed=${seed}`),
      new RegExp(`--seed "${seed.replace(".", "\\.")}": a seed is a whole number >= 0`),
    );
    expectOneLine(
      sim(
        "trace",
        "import",
        "azure2019",
        "--invocations",
        "x",
        "--durations",
        "y",
        "--out",
        join(tmp, "t.csv"),
        `--seed=${seed}`,
      ),
      /a seed is a whole number >= 0/,
    );
  });

  test("--max-requests and the limit it sets", () => {
    expectOneLine(
      sim("run", scenario, "--max-requests", "lots"),
      /--max-requests "lots": a number above 0/,
    );
    expectOneLine(
      sim("run", scenario, "--max-requests", "100"),
      /^sim: small: about 600 requests expected .*more than the limit of 100; .*--max-requests N/m,
    );
  });
});

test("a rate of 1e12/s validates with its size said, and sim run refuses it at once", () => {
  const huge = join(tmp, "huge.yaml");
  writeFileSync(huge, SMALL.replace("5/s", "1e12/s"));
  const v = sim("validate", huge);
  expect(v.status).toBe(0);
  expect(v.stdout).toMatch(
    /expected requests: about 120,000,000,000,000 per policy \(1,000,000,000,000\/s x 120 s\)/,
  );
  expect(v.stderr).toMatch(/sim run would refuse it: .*more than the limit of 1,000,000,000/);
  const r = sim("run", huge, "--out", join(tmp, "huge-out"));
  expectOneLine(
    r,
    /more than the limit of 1,000,000,000; lower the rate or the duration, or raise the limit with --max-requests N or run\.maxRequests in the scenario$/m,
  );
  expect(existsSync(join(tmp, "huge-out"))).toBe(false);
});
