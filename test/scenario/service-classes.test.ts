import { describe, expect, test } from "vitest";
import { runJob } from "../../sim/run/run-job.js";
import { scenario, smallWorkload } from "../support/scenario.js";

function withClasses(classes: unknown): Record<string, unknown> {
  return {
    name: "classes",
    seed: 3,
    duration: "10min",
    sla: { latency: "2s" },
    workload: { synth: { ...smallWorkload.synth, classes } },
    policies: [{ policy: "reactive", config: { mode: "faas", type: "lambda-1769" } }],
  };
}

describe("workload.synth.classes", () => {
  test("a scenario's classes reach the summary, each with its requests and attainment", async () => {
    const s = scenario(
      withClasses([
        { name: "interactive", share: 1, priority: 1, sla: "500ms" },
        { name: "batch", share: 1 },
      ]),
    );
    const { summary } = await runJob(s, { index: 0, policyIndex: 0, replication: 0 });
    const byClass = summary.byClass!;
    expect(Object.keys(byClass)).toEqual(["batch", "interactive"]);
    expect(byClass.batch!.requests + byClass.interactive!.requests).toBe(summary.requests);
    expect(byClass.batch!.requests).toBeGreaterThan(0);
    expect(byClass.interactive!.requests).toBeGreaterThan(0);
    for (const c of Object.values(byClass)) {
      expect(c.slaAttainment).toBeGreaterThanOrEqual(0);
      expect(c.slaAttainment).toBeLessThanOrEqual(1);
    }
  });

  test("two classes of one name are refused", () => {
    expect(() =>
      scenario(
        withClasses([
          { name: "a", share: 1 },
          { name: "a", share: 2 },
        ]),
      ),
    ).toThrow(/class names must differ/);
  });

  test("a priority must be an integer", () => {
    expect(() => scenario(withClasses([{ name: "a", share: 1, priority: 1.5 }]))).toThrow();
  });
});
