import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, test } from "vitest";
import { formatIssue, ScenarioError } from "../../sim/scenario/issues.js";
import { loadScenarioFile } from "../../sim/scenario/load.js";

const tmp = mkdtempSync(join(tmpdir(), "provisim-load-"));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

/** The formatted lines load refuses `file` with. */
function refusal(file: string): string[] {
  try {
    loadScenarioFile(file);
  } catch (e) {
    if (e instanceof ScenarioError) return e.issues.map(formatIssue);
    throw e;
  }
  throw new Error(`expected ${file} to be refused`);
}

function write(name: string, content: string | Uint8Array): string {
  const file = join(tmp, name);
  writeFileSync(file, content);
  return file;
}

describe("load", () => {
  test("a missing file is one line, `FILE: not found`, with no position", () => {
    const file = join(tmp, "no-such.yaml");
    expect(refusal(file)).toEqual([`${file}: not found`]);
  });

  test("a directory is one line", () => {
    expect(refusal(tmp)).toEqual([`${tmp}: is a directory, not a scenario file`]);
  });

  test("a binary file is one line, however many bytes it has", () => {
    const bytes = new Uint8Array(4096);
    for (let i = 0; i < bytes.length; i++) bytes[i] = (i * 131 + 7) % 256;
    const file = write("binary.yaml", bytes);
    expect(refusal(file)).toEqual([`${file}: not a YAML text file`]);
  });

  test("NUL bytes in otherwise plain text, and text that is not UTF-8, are not YAML text", () => {
    const nul = write("nul.yaml", "name: x\0\nduration: 1h\n");
    expect(refusal(nul)).toEqual([`${nul}: not a YAML text file`]);
    const latin1 = write(
      "latin1.yaml",
      Buffer.from([0x6e, 0x61, 0x6d, 0x65, 0x3a, 0x20, 0xe9, 0x0a]),
    );
    expect(refusal(latin1)).toEqual([`${latin1}: not a YAML text file`]);
  });

  test.each([
    ["empty.yaml", "", "it is empty"],
    ["comments.yaml", "# only a comment\n", "it is empty"],
    ["list.yaml", "- name: x\n- name: y\n", "it holds a list"],
    ["text.yaml", "just some words\n", "it holds a single value"],
    ["trace.csv", "arrival_s,function_id\n1,a\n", "it holds a single value"],
  ])("a YAML file whose top level is not a mapping (%s) is one line", (name, content, found) => {
    const file = write(name, content);
    const lines = refusal(file);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toBe(
      `${file}: not a scenario: ${found}, where a scenario is a YAML mapping of keys (name:, duration:, workload:, policies:, ...)`,
    );
  });

  test("a text file that is not YAML at all (source code) is one line at its first error", () => {
    const code = "function f(a) {\n  return { a: [a, { b: a }] };\n}\n".repeat(20);
    const lines = refusal(write("code.yaml", code));
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(
      /^.*code\.yaml:\d+:\d+: \(top\): YAML: .*\(and \d+ more YAML errors: is it a YAML file\?\)$/,
    );
  });

  test("a few YAML errors are each reported", () => {
    const lines = refusal(write("two.yaml", "name: [1, 2\nduration: 1h\n"));
    expect(lines.length).toBeGreaterThanOrEqual(1);
    expect(lines.length).toBeLessThanOrEqual(10);
    for (const l of lines) expect(l).toMatch(/two\.yaml:\d+:\d+: \(top\): YAML: /);
  });

  test("UTF-8 text, with a byte order mark or not, loads", () => {
    const file = write("utf8.yaml", "\ufeffname: café\nduration: 1h\n");
    expect(loadScenarioFile(file).data).toMatchObject({ name: "café", duration: "1h" });
  });
});
