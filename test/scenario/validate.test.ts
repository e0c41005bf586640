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
    // The misspelt key explains the missing one: one problem, one line.
    expect(at("duration")).toBeUndefined();
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
    // The rest of a config with a wrong key is still checked for its types.
    const type = issues.find((i) => i.path.startsWith("policies[1].config.fleet"))!;
    expect(type.message).toMatch(
      /unknown instance type "m5.lage" \(did you mean "m5.large"\?\); valid types: .*m5.large/,
    );
    expect(type.line).toBe(13);
  });

  test("a misspelt key, an unknown instance type and an unknown policy: all three in one run", () => {
    const text =
      VALID.replace("duration: 1h", "duraton: 1h").replace("m5.large", "t3.meduim") +
      `  - policy: reactiv
    config: { mode: hpa, type: m5.large }
`;
    const issues = issuesOf(text);
    expect(issues.map((i) => [i.path, i.line, i.column])).toEqual([
      ["duraton", 2, 1],
      ["policies[0].config.fleet.t3.meduim", 12, 16],
      ["policies[1].policy", 13, 13],
    ]);
    expect(issues[1]!.message).toMatch(
      /unknown instance type "t3.meduim" \(did you mean "t3.medium"\?\)/,
    );
    expect(issues[2]!.message).toMatch(/unknown policy "reactiv" \(did you mean "reactive"\?\)/);
  });

  test("every section is checked whatever the others hold", () => {
    const text = `name: many
duration: 1
sla: { latency: 2 }
workload:
  synth: { rate: 40, cpu: { constant: 1 }, code: no/such/dir }
catalog:
  types:
    m5.large: { vcpu: -1 }
queue: { capacity: 0 }
policies:
  - policy: static
    config: { fleet: { m5.lage: 1 } }
output: { interval: 0s }
`;
    const issues = issuesOf(text);
    expect(issues.map((i) => i.path)).toEqual([
      "duration",
      "sla.latency",
      "workload.synth.rate",
      "workload.synth.cpu.constant",
      "workload.synth.code",
      "catalog.types.m5.large.vcpu",
      "queue.capacity",
      "policies[0].config.fleet.m5.lage",
      "output.interval",
    ]);
    // Each problem once.
    expect(new Set(issues.map((i) => i.path)).size).toBe(issues.length);
  });

  test("a missing key has its own message, at the line of the mapping that should hold it", () => {
    const text = `# a comment first
name: gaps
sla: {}
workload:
  synth:
    rate: 10/s
policies:
  - config: { fleet: { m5.large: 1 } }
  - policy: static
`;
    const issues = issuesOf(text);
    const at = (path: string) => issues.find((i) => i.path === path)!;
    expect(at("duration")).toMatchObject({ line: 1, column: 1, message: "`duration` is required" });
    expect(at("sla.latency")).toMatchObject({
      line: 3,
      column: 1,
      message: "`latency` is required",
    });
    expect(at("workload.synth.cpu")).toMatchObject({
      line: 5,
      column: 3,
      message: "`cpu` is required",
    });
    expect(at("policies[0].policy")).toMatchObject({
      line: 8,
      column: 5,
      message: "`policy` is required",
    });
    expect(at("policies[1].config")).toMatchObject({
      line: 9,
      column: 5,
      message: "`config` is required",
    });
    expect(issues).toHaveLength(5);
    for (const i of issues) expect(i.message).not.toMatch(/Invalid input|received undefined/);
  });

  test("bare numbers where a unit belongs are refused, each with the likely units", () => {
    const text =
      VALID.replace("duration: 1h", "duration: 2")
        .replace("rate: 10/s", "rate: 40")
        .replace("latency: 500ms", 'latency: "500"')
        .replace("{ mean: 100ms }", "{ mean: 0.1 }") + "    memory: { constant: 512 }\n";
    const issues = issuesOf(text.replace("    memory: { constant: 512 }\n", "")).concat(
      issuesOf(VALID.replace("    cpu:", "    memory: { constant: 512 }\n    cpu:")),
    );
    const at = (path: string) => issues.find((i) => i.path === path)!.message;
    expect(at("duration")).toMatch(
      /2 has no unit: a duration carries one \(did you mean "2s" or "2h"\?\)/,
    );
    expect(at("sla.latency")).toMatch(/did you mean "500s" or "500h"/);
    expect(at("workload.synth.rate")).toMatch(/did you mean "40\/s" or "40\/min"/);
    expect(at("workload.synth.cpu.exponential.mean")).toMatch(/did you mean "0.1s" or "0.1h"/);
    expect(at("workload.synth.memory.constant")).toMatch(/did you mean "512MiB" or "512GiB"/);
    const policy = VALID.replace(
      "fleet: { m5.large: 2 }",
      "mode: faas\n      type: lambda-1769\n      keepAlive: 60",
    ).replace("policy: static", "policy: reactive");
    expect(issuesOf(policy)[0]).toMatchObject({ path: "policies[0].config.keepAlive" });
    expect(issuesOf(policy)[0]!.message).toMatch(/did you mean "60s" or "60h"/);
  });

  test("defaults are the same numbers they always were", () => {
    const s = validateScenario(parseScenarioText("ok.yaml", VALID));
    expect(s).toMatchObject({
      seed: 1,
      queueCapacity: 100_000,
      migrationFixedS: 1,
      migrationMiBPerS: 1024,
      noticeLookaheadS: 300,
      sampleIntervalS: 60,
      workload: { synth: { memMiB: { kind: "constant", value: 256 } } },
    });
    const faas = validateScenario(
      parseScenarioText(
        "ok.yaml",
        VALID.replace("policy: static", "policy: reactive")
          .replace("fleet: { m5.large: 2 }", "{ mode: faas, type: lambda-1769 }")
          .replace("config:\n      {", "config: {"),
      ),
    );
    expect(faas.policies[0]!.config).toMatchObject({ keepAlive: 600 });
  });

  test("the known keys of a config are those of its mode", () => {
    const text = VALID.replace("policy: static", "policy: reactive")
      .replace(
        "fleet: { m5.large: 2 }",
        "{ mode: faas, type: lambda-1769, minInstances: 2, keepAlve: 1m }",
      )
      .replace("config:\n      {", "config: {");
    const issues = issuesOf(text);
    expect(issues.map((i) => i.message)).toEqual([
      'unknown key "minInstances"; known keys: mode, type, concurrency, keepAlive',
      'unknown key "keepAlve" (did you mean "keepAlive"?); known keys: mode, type, concurrency, keepAlive',
    ]);
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
              // A problem of the file as a whole (its top level is not a mapping) has no line.
              if (i.line === undefined) expect(i.message).toMatch(/^not a scenario/);
              else expect(i.line).toBeGreaterThanOrEqual(1);
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
