/** The plan: section: defaults, and every problem positioned at its line, candidates' too. */
import { describe, expect, test } from "vitest";
import { expandPlan } from "../../sim/run/plan/plan-pipeline.js";
import { ScenarioError, type ScenarioIssue } from "../../sim/scenario/issues.js";
import { parseConfigPath } from "../../sim/scenario/plan-section.js";
import { parseScenarioText } from "../../sim/scenario/load.js";
import { validateScenario } from "../../sim/scenario/validate.js";
import { scenarioFile } from "../support/plan-scenario.js";

const HEAD = `name: p
duration: 10m
sla: { latency: 1s, attainment: 0.95 }
workload:
  synth: { rate: 5/s, functions: 1, cpu: { constant: 100ms } }
policies:
  - name: fleet
    policy: static
    config: { fleet: { m5.large: 1 } }
  - name: hpa
    policy: reactive
    config: { mode: hpa, type: m5.large }
`;

function issuesOf(run: () => unknown): ScenarioIssue[] {
  try {
    run();
  } catch (e) {
    if (e instanceof ScenarioError) return [...e.issues];
    throw e;
  }
  throw new Error("expected the scenario to be refused");
}

const validate = (text: string) => validateScenario(parseScenarioText("p.yaml", text));
const where = (i: ScenarioIssue) => `${i.line}:${i.column} ${i.path}`;

describe("the plan section", () => {
  test("defaults: the first policy, attainment from the scenario's sla, budget and replications", () => {
    const s = validate(`${HEAD}plan:\n  instances: [1, 2, 4]\n`);
    expect(s.plan).toMatchObject({
      entryIndex: 0,
      hasFleet: true,
      criteria: [{ metric: "attainment", bound: "min", limit: 0.95 }],
      budget: 200,
      initialReplications: 3,
      maxReplications: 30,
      runnersUp: 3,
    });
    expect(s.plan!.dimensions).toEqual([
      { name: "instances", kind: "instances", keys: [], values: [1, 2, 4], listed: true },
    ]);
    expect(validate(HEAD).plan).toBeNull();
  });

  test("ranges, paths and the criteria it names, in base units", () => {
    const s = validate(`${HEAD}plan:
  policy: hpa
  types: [m5.large, c5.large]
  parameters:
    targetUtilization: { min: 0.5, max: 0.8, step: 0.1 }
    "stabilization": [1m, 5m]
  sla: { attainment: 0.99, p99: 800ms, coldStartRatio: 0.01, meanQueueWait: 50ms }
`);
    expect(s.plan!.entryIndex).toBe(1);
    expect(s.plan!.dimensions.map((d) => d.values)).toEqual([
      ["m5.large", "c5.large"],
      [0.5, 0.6, 0.7, 0.8],
      ["1m", "5m"],
    ]);
    expect(s.plan!.criteria).toEqual([
      { metric: "attainment", bound: "min", limit: 0.99 },
      { metric: "p99", bound: "max", limit: 0.8 },
      { metric: "coldStartRatio", bound: "max", limit: 0.01 },
      { metric: "meanQueueWait", bound: "max", limit: 0.05 },
    ]);
    expect(parseConfigPath("fleet[m5.large]")).toEqual(["fleet", "m5.large"]);
    expect(parseConfigPath("a.b[c.d].e")).toEqual(["a", "b", "c.d", "e"]);
    expect(parseConfigPath("a..b")).toBeUndefined();
    expect(parseConfigPath("a.")).toBeUndefined();
  });

  test("every problem of the section at once, each at its line", () => {
    const issues = issuesOf(() =>
      validate(`${HEAD}plan:
  policy: hpa
  instances: { min: 1, max: 3 }
  parameters:
    "bad[": [1]
`),
    );
    expect(issues.map(where)).toEqual(["15:14 plan.instances", "17:5 plan.parameters.bad["]);
    expect(issues[0]!.message).toMatch(/sizes a fixed fleet .* "hpa" has none/);
    const schema = issuesOf(() =>
      validate(`${HEAD}plan:\n  policy: nope\n  budget: 0\n  sla: { p99: 2 }\n`),
    );
    expect(schema.map(where)).toEqual(["15:11 plan.budget", "16:15 plan.sla.p99"]);
    expect(issuesOf(() => validate(`${HEAD}plan:\n  policy: nope\n  types: [m5.large]\n`))).toEqual(
      [
        expect.objectContaining({
          path: "plan.policy",
          line: 14,
          message: '"nope" is not in the scenario; it has fleet, hpa',
        }),
      ],
    );
    expect(issuesOf(() => validate(`${HEAD}plan: {}\n`))[0]!.message).toMatch(
      /name something to search/,
    );
    expect(
      issuesOf(() =>
        validate(`${HEAD}plan:\n  instances: { min: 1, max: 5000 }\n  types: [a, b]\n`),
      )[0]!.message,
    ).toMatch(/10000 candidates, more than 5000/);
  });

  test("a value a candidate's policy or the catalog refuses is reported at that value", () => {
    const file = scenarioFile(`${HEAD}plan:
  policy: hpa
  types: [m5.large, m9.huge]
  parameters:
    targetUtilization: [0.5, 2]
`);
    const issues = issuesOf(() => expandPlan(file));
    expect(issues.map(where)).toEqual([
      "15:21 plan.types[1]",
      "17:30 plan.parameters.targetUtilization[1]",
    ]);
    expect(issues[0]!.message).toMatch(/^m9.huge: config.type: unknown instance type "m9.huge"/);
    expect(issues[1]!.message).toBe("2: config.targetUtilization: must be at most 1, got 2");
  });
});
