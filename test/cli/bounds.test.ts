import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { sim } from "../support/cli.js";
import { FAAS_POLICY, smallScenarioYaml } from "../support/small-scenario.js";

const tmp = mkdtempSync(join(tmpdir(), "provisim-bounds-"));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const SMALL = smallScenarioYaml({ also: FAAS_POLICY });

const scenario = join(tmp, "small.yaml");
const written = join(tmp, "bounds", "small.json");

interface Bound {
  measured: number;
  bound: number;
}
type Bounds = { policies: Record<string, Record<string, Bound>> } & Record<string, unknown>;

/** A copy of the written bounds with the static policy's cost bound moved by `factor`. */
function costScaled(factor: number): string {
  const b = JSON.parse(readFileSync(written, "utf8")) as Bounds;
  const cost = b.policies.static!.costUsd!;
  b.policies.static!.costUsd = {
    ...cost,
    measured: cost.measured * factor,
    bound: cost.bound * factor,
  };
  const file = join(tmp, `scaled-${factor}.json`);
  writeFileSync(file, JSON.stringify(b, null, 2));
  return file;
}

beforeAll(() => {
  writeFileSync(scenario, SMALL);
  const r = sim("bounds", "--update", scenario);
  expect(r.status, r.stderr).toBe(0);
  expect(r.stdout).toBe(`wrote ${written}: 2 policies, tolerances from a 5% margin\n`);
});

describe("sim bounds --update and sim check", () => {
  test("the bounds just written hold: exit 0", () => {
    const b = JSON.parse(readFileSync(written, "utf8")) as Bounds;
    expect(Object.keys(b.policies)).toEqual(["static", "faas"]);
    expect(Object.keys(b.policies.faas!)).toEqual([
      "costUsd",
      "latencyP99S",
      "slaAttainment",
      "coldStartRatio",
    ]);
    const r = sim("check", scenario, "--bounds", written);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toBe("small: within all 8 bounds (2 policies)\n");
    const all = sim("bounds", scenario);
    expect(all.status, all.stderr).toBe(0);
    expect(all.stdout).toBe(r.stdout);
  });

  test("a policy worse than its bound: exit 1, naming scenario, policy, metric and by how much", () => {
    const r = sim("check", scenario, "--bounds", costScaled(0.5));
    expect(r.status, r.stderr).toBe(1);
    expect(r.stdout).toMatch(/^small: 1 of 8 bounds broken \(2 policies\)\n/);
    expect(r.stdout).toMatch(
      /worse: small, policy static: cost worse: \$0\.\d+, above its bound \$0\.\d+ by \$0\.\d+; measured .* \(5% margin\), now \+100%\n/,
    );
    expect(sim("bounds", scenario, "--bounds", costScaled(0.5)).status).toBe(1);
  });

  test("better than its bound passes, and says the bound could be tightened", () => {
    const r = sim("check", scenario, "--bounds", costScaled(2));
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/^small: within all 8 bounds/);
    expect(r.stdout).toMatch(
      /better: small, policy static: cost better: .*, now -50%; the bound could be tightened\n/,
    );
    expect(r.stdout).toMatch(
      /1 bound could be tightened: rewrite the bounds with sim bounds --update\n$/,
    );
  });

  test("bad input: exit 2 with one line", () => {
    const broken = join(tmp, "broken.json");
    writeFileSync(broken, readFileSync(written, "utf8").replace(/"seed": \d+/, '"seed": "x"'));
    const other = join(tmp, "other.json");
    writeFileSync(other, readFileSync(written, "utf8").replace(/"seed": \d+/, '"seed": 99'));
    const cases: [string[], RegExp][] = [
      [
        ["check", scenario, "--bounds", join(tmp, "none.json")],
        /none\.json: no such file; write it with sim bounds --update/,
      ],
      [["check", scenario, "--bounds", broken], /broken\.json:3: seed: expected a seed/],
      [
        ["check", scenario, "--bounds", other],
        /other\.json: small: the bounds are for seed 99, the run has \d+; rewrite it/,
      ],
      [["check", scenario], /bounds/],
      [["bounds", scenario, "--margin", "0.1"], /--margin goes with --update/],
      [["bounds", "--update", scenario, "--margin", "-1"], /--margin "-1": a share >= 0/],
      [
        ["bounds", scenario, scenario, "--bounds", written],
        /--bounds names the file of one scenario, not of 2/,
      ],
    ];
    for (const [args, message] of cases) {
      const r = sim(...args);
      expect(r.status, args.join(" ")).toBe(2);
      expect(r.stderr, args.join(" ")).toMatch(message);
      expect(r.stderr.trim().split("\n"), args.join(" ")).toHaveLength(1);
    }
    // A bad scenario is reported as sim validate reports it.
    const missing = sim("check", join(tmp, "missing.yaml"), "--bounds", written);
    expect(missing.status).toBe(2);
    expect(missing.stderr).toMatch(/missing\.yaml: not found\n1 problem found\n$/);
  });
});
