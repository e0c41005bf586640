import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, test } from "vitest";
import { loadSweep } from "../../sim/run/sweep-pipeline.js";
import { formatIssue, ScenarioError } from "../../sim/scenario/issues.js";
import { assignAt, parseSweepPath, resolveSweepPath } from "../../sim/scenario/sweep-path.js";
import { HPA_POLICY, smallScenarioYaml } from "../support/small-scenario.js";

const tmp = mkdtempSync(join(tmpdir(), "provisim-sweep-scenario-"));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

function file(name: string, text: string): string {
  const path = join(tmp, name);
  writeFileSync(path, text);
  return path;
}

const BASE = smallScenarioYaml({ also: HPA_POLICY, duration: "2m" });

/** Every issue of loading `text`, formatted as sim prints them. */
function issuesOf(name: string, text: string): string[] {
  try {
    loadSweep(file(name, text));
  } catch (e) {
    if (e instanceof ScenarioError) return e.issues.map(formatIssue);
    throw e;
  }
  throw new Error("no ScenarioError");
}

describe("sweep paths", () => {
  test("keys, entries by label or index, and bracketed keys with dots", () => {
    expect(parseSweepPath("policies[hpa].config.targetUtilization")).toEqual([
      { kind: "key", key: "policies" },
      { kind: "bracket", text: "hpa" },
      { kind: "key", key: "config" },
      { kind: "key", key: "targetUtilization" },
    ]);
    const doc = {
      policies: [{ policy: "static" }, { name: "hpa", policy: "reactive", config: { t: 1 } }],
      catalog: { types: { "m5.xlarge": { usdPerHour: 0.192 } } },
    };
    const steps = (t: string) =>
      parseSweepPath(t) as Exclude<ReturnType<typeof parseSweepPath>, string>;
    expect(resolveSweepPath(doc, steps("policies[hpa].config.t"))).toEqual({
      path: ["policies", 1, "config", "t"],
    });
    expect(resolveSweepPath(doc, steps("policies[static]"))).toEqual({ path: ["policies", 0] });
    expect(resolveSweepPath(doc, steps("policies[1].config"))).toEqual({
      path: ["policies", 1, "config"],
    });
    expect(resolveSweepPath(doc, steps("catalog.types[m5.xlarge].usdPerHour"))).toEqual({
      path: ["catalog", "types", "m5.xlarge", "usdPerHour"],
    });
    expect(resolveSweepPath(doc, steps("policies[keda].config"))).toEqual({
      missing: 'policies has no entry named "keda" (it has static, hpa)',
    });
    expect(resolveSweepPath(doc, steps("catalog.types.m5.xlarge"))).toEqual({
      missing: 'catalog.types has no "m5" (it has m5.xlarge)',
    });
    expect(parseSweepPath("a..b")).toMatch(/empty key/);
    expect(parseSweepPath("a[b")).toMatch(/without its/);
  });

  test("assignAt copies along the path and leaves the document as it was", () => {
    const doc = { a: [{ b: 1 }, { b: 2 }], c: { d: 3 } };
    const out = assignAt(doc, ["a", 1, "b"], 9) as typeof doc;
    expect(out.a[1]!.b).toBe(9);
    expect(doc.a[1]!.b).toBe(2);
    expect(out.c).toBe(doc.c);
  });
});

describe("the sweep block", () => {
  test("a grid is every combination, the last path fastest, then the listed points", () => {
    const s = loadSweep(
      file(
        "grid.yaml",
        `${BASE}sweep:
  grid:
    workload.synth.rate: [2/s, 4/s]
    policies[autoscaled].config.targetUtilization: [0.5, 0.7, 0.9]
  points:
    - { workload.synth.rate: 8/s }
`,
      ),
    );
    expect(s.points.map((p) => p.values.map((v) => v.value))).toEqual([
      ["2/s", 0.5],
      ["2/s", 0.7],
      ["2/s", 0.9],
      ["4/s", 0.5],
      ["4/s", 0.7],
      ["4/s", 0.9],
      ["8/s"],
    ]);
    // Values are in place, normalized like any scenario.
    const p4 = s.points[4]!.scenario;
    expect(p4.workload.kind === "synth" && p4.workload.synth.ratePerS).toBe(4);
    expect((p4.policies[1]!.config as { targetUtilization: number }).targetUtilization).toBe(0.7);
    expect(
      s.points[6]!.scenario.workload.kind === "synth" &&
        s.points[6]!.scenario.workload.synth.ratePerS,
    ).toBe(8);
  });

  test("a path that is not in the scenario is an error at its line, naming it", () => {
    const text = `${BASE}sweep:
  points:
    - policies[hpa].config.targetUtilization: 0.5
`;
    const line = text.split("\n").findIndex((l) => l.includes("policies[hpa]")) + 1;
    expect(issuesOf("bad-entry.yaml", text)).toEqual([
      expect.stringMatching(
        new RegExp(
          `bad-entry\\.yaml:${line}:\\d+: sweep\\.points\\[0\\]\\.policies\\[hpa\\]\\.config\\.targetUtilization: no such parameter "policies\\[hpa\\]\\.config\\.targetUtilization": policies has no entry named "hpa" \\(it has static, autoscaled\\)`,
        ),
      ),
    ]);
    // A last key the file leaves out must be a key there: checked once, not per point.
    const typo = `${BASE}sweep:
  grid:
    workload.synth.rat: [2/s, 3/s]
`;
    const typoLine = typo.split("\n").findIndex((l) => l.includes("synth.rat:")) + 1;
    expect(issuesOf("bad-key.yaml", typo)).toEqual([
      expect.stringMatching(
        new RegExp(
          `bad-key\\.yaml:${typoLine}:\\d+: sweep\\.grid\\.workload\\.synth\\.rat: no such parameter "workload\\.synth\\.rat": unknown key "rat" \\(did you mean "rate"\\?\\)`,
        ),
      ),
    ]);
  });

  test("a bad value is an error naming its point, at the value", () => {
    const text = `${BASE}sweep:
  grid:
    workload.synth.rate: [2/s, -3/s, 50]
`;
    const line = text.split("\n").findIndex((l) => l.includes("-3/s")) + 1;
    const issues = issuesOf("bad-value.yaml", text);
    expect(issues).toHaveLength(2);
    expect(issues[0]).toMatch(
      new RegExp(
        `^.*bad-value\\.yaml:${line}:\\d+: sweep\\.grid\\.workload\\.synth\\.rate\\[1\\]: sweep point 1 \\(workload\\.synth\\.rate=-3/s\\): workload\\.synth\\.rate: `,
      ),
    );
    expect(issues[1]).toMatch(
      /sweep point 2 \(workload\.synth\.rate=50\): workload\.synth\.rate: .*unit/,
    );
  });

  test("the block's own shape is checked by the schema", () => {
    expect(issuesOf("empty.yaml", `${BASE}sweep: {}\n`).join("\n")).toMatch(
      /sweep: give a grid, points, or both/,
    );
    expect(issuesOf("nolist.yaml", `${BASE}sweep: { grid: { seed: [] } }\n`).join("\n")).toMatch(
      /sweep\.grid\.seed: list at least one value/,
    );
  });
});
