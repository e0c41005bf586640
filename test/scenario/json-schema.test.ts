/**
 * The committed JSON Schema (scenarios/scenario.schema.json) is the one the
 * zod schema generates, and a JSON Schema validator accepts every bundled
 * scenario with it and refuses what `sim validate` refuses.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { Ajv2020 } from "ajv/dist/2020.js";
import { describe, expect, test } from "vitest";
import { parse } from "yaml";
import { policyNames } from "../../sim/policies/registry.js";
import { scenarioJsonSchemaText } from "../../sim/scenario/schema.js";

const dir = new URL("../../scenarios/", import.meta.url).pathname;
const committed = readFileSync(join(dir, "scenario.schema.json"), "utf8");
const schema = JSON.parse(committed) as {
  properties: { policies: { items: { oneOf: { properties: { policy: { const: string } } }[] } } };
};
const check = new Ajv2020({ allErrors: true, strict: true }).compile(schema);

const VALID = {
  name: "ok",
  duration: "1h",
  sla: { latency: "500ms" },
  workload: { synth: { rate: "10/s", cpu: { exponential: { mean: "100ms" } } } },
  policies: [{ policy: "static", config: { fleet: { "m5.large": 2 } } }],
};

describe("the JSON Schema", () => {
  test("the committed file is the generated one (regenerate: sim schema > scenarios/scenario.schema.json)", () => {
    expect(committed).toBe(scenarioJsonSchemaText());
  });

  test.each(readdirSync(dir).filter((f) => f.endsWith(".yaml")))("accepts %s", (file) => {
    const ok = check(parse(readFileSync(join(dir, file), "utf8")));
    expect(check.errors ?? []).toEqual([]);
    expect(ok).toBe(true);
  });

  test("has one entry shape per policy, discriminated by `policy`", () => {
    const branches = schema.properties.policies.items.oneOf;
    expect(branches.map((b) => b.properties.policy.const)).toEqual(policyNames());
  });

  test.each([
    [
      "a reactive HPA config",
      { policy: "reactive", config: { mode: "hpa", type: "m5.large", syncPeriod: "30s" } },
    ],
    [
      "a reactive FaaS config",
      { policy: "reactive", config: { mode: "faas", type: "lambda-1769" } },
    ],
    [
      "a static config",
      { name: "s", policy: "static", config: { fleet: { "m5.large": 1 }, routing: "round-robin" } },
    ],
  ])("accepts %s", (_what, entry) => {
    expect(check({ ...VALID, policies: [entry] })).toBe(true);
  });

  test.each([
    [
      "a misspelt static key",
      { policy: "static", config: { fleet: { "m5.large": 1 }, routng: "round-robin" } },
    ],
    ["a static config without its fleet", { policy: "static", config: {} }],
    ["a static policy without a config", { policy: "static" }],
    [
      "an HPA key in a FaaS config",
      { policy: "reactive", config: { mode: "faas", type: "x", minInstances: 1 } },
    ],
    ["an unknown reactive mode", { policy: "reactive", config: { mode: "hap", type: "x" } }],
    [
      "a bare number for a policy's duration",
      { policy: "reactive", config: { mode: "faas", type: "x", keepAlive: 60 } },
    ],
    ["an unknown policy", { policy: "reactiv", config: {} }],
  ])("refuses %s", (_what, entry) => {
    expect(check({ ...VALID, policies: [entry] })).toBe(false);
  });

  test.each([
    ["a bare number for a duration", { duration: 2 }],
    ["a duration without its unit as text", { duration: "2" }],
    ["a bare number for a rate", { workload: { synth: { ...VALID.workload.synth, rate: 40 } } }],
    [
      "a rate in a duration's unit",
      { workload: { synth: { ...VALID.workload.synth, rate: "40s" } } },
    ],
    [
      "a bare number for a size",
      { workload: { synth: { ...VALID.workload.synth, memory: { constant: 512 } } } },
    ],
    [
      "an unknown distribution",
      { workload: { synth: { ...VALID.workload.synth, cpu: { lognormall: {} } } } },
    ],
    [
      "a distribution's misspelt parameter",
      {
        workload: {
          synth: { ...VALID.workload.synth, cpu: { weibull: { scale: "1s", shap: 2 } } },
        },
      },
    ],
    ["a misspelt top-level key", { duraton: "1h" }],
  ])("refuses %s", (_what, change) => {
    expect(check({ ...VALID, ...change })).toBe(false);
  });

  test("accepts quantities in every unit the parser knows", () => {
    const synth = { ...VALID.workload.synth, rate: "3000 / min", memory: { constant: "1.5GiB" } };
    expect(check({ ...VALID, duration: "1e3ms", workload: { synth } })).toBe(true);
    for (const d of ["250us", "90s", "5m", "5min", "2h", "1d", " 3 s "])
      expect(check({ ...VALID, duration: d })).toBe(true);
  });
});
