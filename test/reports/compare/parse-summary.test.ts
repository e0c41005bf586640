import { describe, expect, test } from "vitest";
import { parseSummary } from "../../../reports/compare/parse-summary.js";
import { policy, summaryText } from "./summaries.js";

const withPolicy = (entry: Record<string, unknown>) =>
  JSON.stringify({ scenario: "s", policies: [entry] });

describe("parseSummary", () => {
  test("reads every metric and, with replications, the intervals", () => {
    const s = parseSummary(
      "f.json",
      summaryText([policy("p", { costUsd: 2, ci95: { costUsd: 0.3 } })]),
    );
    expect(s.scenario).toBe("test");
    const p = s.policies[0]!;
    expect(p.values.get("cost_usd")).toBe(2);
    expect(p.values.get("latency_p99_s")).toBe(0.6);
    expect(p.ci95.get("cost_usd")).toBe(0.3);
    expect(p.ci95.get("latency_mean_s")).toBeUndefined();
  });

  test("a summary of one replication (ci95 null) has no intervals", () => {
    const p = parseSummary("f.json", summaryText([policy("p")])).policies[0]!;
    expect(p.ci95.size).toBe(0);
    expect(p.values.size).toBeGreaterThan(20);
  });

  test("text that is not JSON: the file, line and column", () => {
    expect(() => parseSummary("f.json", '{\n  "policies": [\n    oops\n]}')).toThrow(
      'f.json:3:5: not valid JSON: expected a value, found "o"',
    );
    expect(() => parseSummary("f.json", "")).toThrow(
      "f.json:1:1: not valid JSON: expected a value, found the end of the file",
    );
    expect(() => parseSummary("f.json", '{"policies": []}\n}')).toThrow(
      'f.json:2:1: not valid JSON: expected the end of the file, found "}"',
    );
  });

  test("JSON that is not a summary", () => {
    expect(() => parseSummary("f.json", "[1]")).toThrow(
      "f.json: expected a summary object, found an array",
    );
    expect(() => parseSummary("f.json", '{"scenario":"x"}')).toThrow(
      /^f\.json: policies: expected an array of policies, found a undefined; is this a summary\.json\?$/,
    );
    expect(() => parseSummary("f.json", withPolicy({ costUsd: 1 }))).toThrow(
      "f.json: policies[0].policy: expected the policy's label, found a undefined",
    );
  });

  test("a figure that is there but not a number names its path", () => {
    expect(() => parseSummary("f.json", withPolicy({ policy: "p", costUsd: "1.5" }))).toThrow(
      'f.json: policies[0].costUsd: expected a number, found the string "1.5"',
    );
    expect(() => parseSummary("f.json", withPolicy({ policy: "p", latencyS: 3 }))).toThrow(
      "f.json: policies[0].latencyS: expected an object, found a number",
    );
    expect(() =>
      parseSummary("f.json", withPolicy({ policy: "p", ci95: { costUsd: -1 } })),
    ).toThrow("f.json: policies[0].ci95.costUsd: a half-width below 0");
  });

  test("a label listed twice", () => {
    const text = JSON.stringify({ policies: [{ policy: "p" }, { policy: "p" }] });
    expect(() => parseSummary("f.json", text)).toThrow(
      'f.json: policies[1].policy: "p" is listed twice; labels must be unique',
    );
  });
});
