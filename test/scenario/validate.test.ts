import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { ScenarioError, type ScenarioIssue } from "../../sim/scenario/issues.js";
import { parseScenarioText } from "../../sim/scenario/load.js";
import { scenarioJsonSchema } from "../../sim/scenario/schema.js";
import { validateScenario } from "../../sim/scenario/validate.js";

function issuesOf(text: string): ScenarioIssue[] {
  try {
    validateScenario(parseScenarioText("bad.yaml", text));
  } catch (e) {
    if (e instanceof ScenarioError) return [...e.issues];
    throw e;
  }
  throw new Error("expected the scenario to be refused");
}

const VALID = `name: ok
duration: 1h
sla:
  latency: 500ms
workload:
  synth:
    rate: 10/s
    cpu: { exponential: { mean: 100ms } }
policies:
  - policy: static
    config:
      fleet: { m5.large: 2 }
`;

describe("validate", () => {
  test("a valid scenario normalizes to base units", () => {
    const s = validateScenario(parseScenarioText("ok.yaml", VALID));
    expect(s.horizonS).toBe(3600);
    expect(s.slaLatencyS).toBe(0.5);
    expect(s.workload).toMatchObject({
      kind: "synth",
      synth: { ratePerS: 10, cpuSeconds: { kind: "exponential", mean: 0.1 } },
    });
    expect(s.policies.map((p) => p.label)).toEqual(["static"]);
  });

  test("every problem is reported at once, each with its path, line and column", () => {
    const text = `name: bad
duraton: 1h
sla:
  latency: 5 parsecs
workload:
  synth:
    rate: 10/s
    cpu: { lognormall: { median: 1s, p95: 2s } }
policies:
  - policy: statik
  - policy: static
    config:
      fleet: { m5.lage: 2 }
      routng: least-loaded
`;
    const issues = issuesOf(text);
    const at = (path: string) => issues.find((i) => i.path === path);
    expect(at("duraton")).toMatchObject({ line: 2, column: 1, file: "bad.yaml" });
    expect(at("duraton")!.message).toMatch(/unknown key "duraton" \(did you mean "duration"\?\)/);
    expect(at("duration")!.message).toMatch(/expected number|Invalid input/);
    expect(at("sla.latency")).toMatchObject({ line: 4, column: 12 });
    expect(at("sla.latency")!.message).toMatch(/"5 parsecs" is not a duration/);
    expect(at("workload.synth.cpu")).toMatchObject({ line: 8 });
    expect(at("workload.synth.cpu")!.message).toMatch(
      /expected one of: constant, exponential, lognormal.*did you mean "lognormal"/,
    );
  });

  test("unknown policies, instance types and policy keys name the valid ones", () => {
    const text =
      VALID.replace("  - policy: static\n    config:\n      fleet: { m5.large: 2 }\n", "") +
      `  - policy: statik
  - policy: static
    config:
      fleet: { m5.lage: 2 }
      routng: least-loaded
`;
    const issues = issuesOf(text);
    const policy = issues.find((i) => i.path === "policies[0].policy")!;
    expect(policy).toMatchObject({ line: 10, column: 13 });
    expect(policy.message).toMatch(
      /unknown policy "statik" \(did you mean "static"\?\); valid policies: static, reactive/,
    );
    const key = issues.find((i) => i.path === "policies[1].config.routng")!;
    expect(key).toMatchObject({ line: 14, column: 7 });
    expect(key.message).toMatch(/did you mean "routing"/);
    // The type is checked once the config itself is valid.
    const fixed = text.replace("      routng: least-loaded\n", "");
    const type = issuesOf(fixed).find((i) => i.path.startsWith("policies[1].config.fleet"))!;
    expect(type.message).toMatch(
      /unknown instance type "m5.lage" \(did you mean "m5.large"\?\); valid types: .*m5.large/,
    );
    expect(type.line).toBe(13);
  });

  test("YAML syntax errors name the line", () => {
    const issues = issuesOf("name: x\nsla: [1, 2\nduration: 1h\n");
    expect(issues[0]!.message).toMatch(/^YAML:/);
    expect(issues[0]!.line).toBeGreaterThanOrEqual(2);
  });

  test("a new instance type must be complete; overrides of default types may be partial", () => {
    const partialNew = VALID + "catalog:\n  types:\n    my.type: { vcpu: 4 }\n";
    expect(issuesOf(partialNew)[0]!.message).toMatch(
      /a new instance type needs kind, memory, usdPerHour, billing, boot/,
    );
    const override = VALID + "catalog:\n  types:\n    m5.large: { usdPerHour: 0.05 }\n";
    const s = validateScenario(parseScenarioText("ok.yaml", override));
    expect(s.catalog.get("m5.large")).toMatchObject({ usdPerHour: 0.05, vcpu: 2 });
  });

  test("fuzz: arbitrary YAML or text gives a ScenarioError with positions, never a crash", () => {
    const lines = VALID.split("\n");
    fc.assert(
      fc.property(
        fc.array(fc.nat(lines.length - 1), { maxLength: 4 }),
        fc.string({ maxLength: 12 }),
        (cuts, junk) => {
          const mutated = lines
            .map((l, i) => (cuts.includes(i) ? l.slice(0, Math.max(0, l.length - 3)) + junk : l))
            .join("\n");
          try {
            validateScenario(parseScenarioText("fuzz.yaml", mutated));
          } catch (e) {
            expect(e).toBeInstanceOf(ScenarioError);
            for (const i of (e as ScenarioError).issues) {
              expect(i.line).toBeGreaterThanOrEqual(1);
              expect(i.message.length).toBeGreaterThan(0);
            }
          }
        },
      ),
      { numRuns: 400, seed: 12 },
    );
  });

  test("the JSON Schema describes the input format", () => {
    const schema = scenarioJsonSchema() as {
      properties: Record<string, unknown>;
      required: string[];
    };
    expect(Object.keys(schema.properties)).toEqual(
      expect.arrayContaining(["name", "duration", "sla", "workload", "policies", "catalog"]),
    );
    expect(schema.required).toEqual(
      expect.arrayContaining(["name", "duration", "sla", "workload", "policies"]),
    );
  });
});
