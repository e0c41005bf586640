import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { summaryTable } from "../../reports/summary-report.js";
import { runScenario } from "../../sim/run/pipeline.js";
import { scenario, smallWorkload } from "../support/scenario.js";
import { policy, report } from "./run-report-fixture.js";

/** The table's rows by label: the cells of each policy, in order. */
function rowsOf(table: string): Map<string, string[]> {
  const lines = table.trimEnd().split("\n").slice(3); // title, header, rule
  return new Map(
    lines.map((l) => {
      const label = l.slice(0, l.search(/\s{2}/)).trim();
      return [
        label,
        l
          .slice(label.length)
          .trim()
          .split(/\s{2,}/),
      ];
    }),
  );
}

const count = (s: string) => Number(s.replace(/,/g, ""));

function addsUp(table: string): void {
  const rows = rowsOf(table);
  const parts = ["completed", "failed", "rejected", "in flight at end"].map((r) => rows.get(r)!);
  rows.get("requests")!.forEach((total, i) => {
    expect(parts.reduce((a, p) => a + count(p[i]!), 0)).toBe(count(total));
  });
}

describe("the table", () => {
  test("requests = completed + failed + rejected + in flight at end, each on its own row", () => {
    const table = summaryTable(
      report([
        policy("a", {
          requests: 1200,
          completed: 1100,
          failed: 40,
          rejected: 30,
          inFlightAtEnd: 30,
        }),
      ]),
      0.99,
    );
    const rows = rowsOf(table);
    expect(rows.get("failed")).toEqual(["40"]);
    expect(rows.get("rejected")).toEqual(["30"]);
    expect(rows.get("in flight at end")).toEqual(["30"]);
    addsUp(table);
  });

  test("means over replications still add up once rounded", () => {
    // 10.4 + 0.3 + 0.3 = 11, but each rounded alone gives 10 + 0 + 0.
    const p = policy("a", { requests: 11, completed: 10.4, failed: 0.3, rejected: 0.3, ci95: {} });
    addsUp(summaryTable(report([p]), 0.99));
    fc.assert(
      fc.property(
        fc.array(fc.nat(10_000), { minLength: 4, maxLength: 4 }),
        fc.integer({ min: 2, max: 9 }),
        (xs, n) => {
          const [completed, failed, rejected, inFlightAtEnd] = xs.map((x) => x / n);
          const requests = completed! + failed! + rejected! + inFlightAtEnd!;
          const q = policy("a", { requests, completed, failed, rejected, inFlightAtEnd, ci95: {} });
          addsUp(summaryTable(report([q]), 0.99));
        },
      ),
    );
  });

  test("a real run with replications adds up, with intervals and the SLA target in the title", async () => {
    const s = scenario({
      name: "t",
      duration: "10m",
      sla: { latency: "300ms", attainment: 0.95 },
      workload: { synth: { ...smallWorkload.synth, rate: "30/s" } },
      queue: { capacity: 20, timeout: "5s" },
      replications: 3,
      policies: [{ policy: "static", config: { fleet: { "t3.medium": 2 } } }],
    });
    const { report: r } = await runScenario(s);
    expect(r.policies[0]!.rejected + r.policies[0]!.failed).toBeGreaterThan(0);
    const table = summaryTable(r, s.slaTarget);
    expect(table.split("\n")[0]).toBe(
      "t: 10 min simulated, SLA 95% within 300 ms, seed 1, mean of 3 replications (± 95% CI)",
    );
    expect(rowsOf(table).get("cost (USD)")![0]).toMatch(
      /^\$\d+\.(\d\d ±\d+\.\d\d|\d{4} ±\d+\.\d{4})$/,
    );
    addsUp(table);
  });
});
