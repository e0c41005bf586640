import { expect, test } from "vitest";
import { classTable } from "../../reports/class-table.js";
import { runScenario } from "../../sim/run/pipeline.js";
import { scenario, smallWorkload } from "../support/scenario.js";

test("service classes get a row each under the table, per policy; none without classes", async () => {
  const doc = (classes?: unknown) => ({
    name: "classes",
    seed: 3,
    duration: "5min",
    sla: { latency: "2s" },
    workload: { synth: { ...smallWorkload.synth, ...(classes ? { classes } : {}) } },
    policies: [
      { policy: "reactive", config: { mode: "faas", type: "lambda-1769" } },
      { name: "fixed", policy: "static", config: { fleet: { "m5.large": 2 } } },
    ],
  });
  const plain = await runScenario(scenario(doc()));
  expect(classTable(plain.report.policies)).toBe("");
  const run = await runScenario(
    scenario(
      doc([
        { name: "interactive", share: 1, priority: 1, sla: "500ms" },
        { name: "batch", share: 1 },
      ]),
    ),
  );
  const lines = classTable(run.report.policies).trimEnd().split("\n");
  expect(lines[0]).toMatch(/^SLA attainment by class\s+reactive\s+fixed$/);
  expect(lines.slice(2).map((l) => l.split(/\s{2,}/)[0])).toEqual(["batch", "interactive"]);
  for (const [i, name] of ["batch", "interactive"].entries()) {
    const cells = lines[2 + i]!.split(/\s{2,}/).slice(1);
    run.report.policies.forEach((p, j) => {
      const c = p.byClass![name]!;
      expect(cells[j]).toBe(
        `${(c.slaAttainment * 100).toFixed(1)}% of ${c.requests.toLocaleString("en-US")}`,
      );
    });
  }
});
