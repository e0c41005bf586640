import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, test } from "vitest";
import { loadAndValidate } from "../../sim/run/pipeline.js";
import { synthTrace } from "../../sim/run/synth-trace.js";
import { formatIssue, ScenarioError } from "../../sim/scenario/issues.js";
import { loadCodeCorpus } from "../../traces/code-corpus.js";
import { TraceError } from "../../traces/reader.js";

const tmp = mkdtempSync(join(tmpdir(), "provisim-bad-"));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

function write(name: string, text: string): string {
  const file = join(tmp, name);
  writeFileSync(file, text);
  return file;
}

/** The lines a scenario is refused with. */
function refusal(file: string, options = {}): string[] {
  try {
    loadAndValidate(file, options);
  } catch (e) {
    if (e instanceof ScenarioError) return e.issues.map(formatIssue);
    throw e;
  }
  throw new Error(`expected ${file} to be refused`);
}

const traceScenario = (trace: string, extra = "") => `name: t
duration: 1m
sla: { latency: 1s }
workload:
  trace: { file: ${trace} }
policies:
  - policy: static
    config: { fleet: { m5.large: 1 } }
${extra}`;

describe("input that once ended in a stack trace", () => {
  test("a YAML alias bomb is one line about the file", () => {
    const levels = ["a: &a [x, x, x, x, x, x, x, x, x]"];
    for (const [prev, name] of [
      ["a", "b"],
      ["b", "c"],
      ["c", "d"],
      ["d", "e"],
    ])
      levels.push(`${name}: &${name} [${Array(9).fill(`*${prev}`).join(", ")}]`);
    const file = write("bomb.yaml", levels.join("\n") + "\n");
    expect(refusal(file)).toEqual([`${file}: not a usable scenario: ${aliasMessage()}`]);
  });

  test("a trace file that is a directory is refused at its line", () => {
    const dir = join(tmp, "a-dir");
    mkdirSync(dir, { recursive: true });
    const file = write("dir-trace.yaml", traceScenario(dir));
    expect(refusal(file)).toEqual([
      `${file}:5:18: workload.trace.file: not a file: ${dir} (a trace file is a file)`,
    ]);
  });

  test("a code directory with no source, or a broken manifest, is a TraceError naming it", async () => {
    const empty = join(tmp, "no-code");
    mkdirSync(empty, { recursive: true });
    writeFileSync(join(empty, "notes.txt"), "no code here\n");
    await expect(loadCodeCorpus(empty, () => {})).rejects.toThrow(
      new TraceError(empty, 0, "no source file in a known language"),
    );
    const broken = join(tmp, "broken-manifest");
    mkdirSync(broken, { recursive: true });
    writeFileSync(join(broken, "f.js"), "export const f = (n) => n + 1;\n");
    writeFileSync(join(broken, "manifest.json"), "{ nope");
    const err = await loadCodeCorpus(broken, () => {}).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(TraceError);
    expect((err as TraceError).message).toMatch(/manifest\.json: not a readable JSON manifest: /);
  });
});

describe("numbers out of bounds", () => {
  test("are said in words, never in zod's own text", () => {
    const trace = write("b.csv", "arrival_s,function_id\n1,a\n");
    const file = write(
      "bounds.yaml",
      traceScenario(trace, "replications: 0\n").replace("m5.large: 1", "m5.large: -2"),
    );
    const lines = refusal(file);
    expect(lines).toContain(`${file}:9:15: replications: must be greater than 0, got 0`);
    expect(lines.join("\n")).not.toMatch(/Too (small|big)/);
  });
});

describe("a command-line option that is wrong", () => {
  test("does not hide the file's own problems: every problem at once", () => {
    const trace = write("t.csv", "arrival_s,function_id\n1,a\n");
    const file = write(
      "two-problems.yaml",
      traceScenario(trace).replace("duration: 1m", "duraton: 1m"),
    );
    const lines = refusal(file, { policies: ["nope"] });
    // The misspelt key and the option: two problems (the did-you-mean covers the missing key).
    expect(lines).toHaveLength(2);
    expect(lines).toContain(
      `${file}: run.policies[0] (given on the command line): "nope" is not in the scenario; it has static`,
    );
    expect(lines.some((l) => l.includes('unknown key "duraton"'))).toBe(true);
  });
});

/** What the yaml package says of too many aliases (its wording, not ours). */
function aliasMessage(): string {
  return "Excessive alias count indicates a resource exhaustion attack";
}

describe("sim trace synth", () => {
  test("refuses what no trace column carries, so a written trace replays as the scenario runs", async () => {
    const base = `name: s
duration: 1m
sla: { latency: 1s }
workload:
  synth:
    rate: 2/s
    cpu: { constant: 100ms }
EXTRA
policies:
  - policy: static
    config: { fleet: { m5.large: 1 } }
`;
    const cold = write("cold.yaml", base.replace("EXTRA", "    coldExtra: { constant: 200ms }"));
    const classes = write(
      "classes.yaml",
      base.replace("EXTRA", "    classes: [{ name: gold, share: 1, priority: 1 }]"),
    );
    const plain = write("plain.yaml", base.replace("EXTRA\n", ""));
    await expect(synthTrace(loadAndValidate(cold), cold)).rejects.toThrow(
      /workload\.synth\.coldExtra has no trace column/,
    );
    await expect(synthTrace(loadAndValidate(classes), classes)).rejects.toThrow(
      /workload\.synth\.classes has no trace column/,
    );
    await expect(synthTrace(loadAndValidate(plain), plain)).resolves.toBeDefined();
  });
});
