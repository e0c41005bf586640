import { describe, expect, test } from "vitest";
import { counterTable } from "../../reports/counter-table.js";
import { runText } from "../../reports/run-text.js";
import { summaryCsv } from "../../reports/summary-report.js";
import type { AllocationSummary } from "../../sim/model/summary.js";
import { policy, report } from "./run-report-fixture.js";

const allocations = (o: Partial<AllocationSummary>): AllocationSummary => ({
  allocations: 100,
  containersPerVm: 2.5,
  resizes: 0,
  upgrades: 0,
  upgradeRestarts: 0,
  upgradeLostS: 0,
  upgradeCostUsd: 0,
  bindsHit: 0,
  bindsWasted: 0,
  bindsWastedCostUsd: 0,
  rejectedActions: 0,
  rejectedByKind: {},
  ...o,
});

describe("the counter table", () => {
  test("is absent when no policy counted anything", () => {
    const r = report([policy("static"), policy("hpa")]);
    expect(counterTable(r.policies)).toBe("");
    expect(runText(r, { slaTarget: 0.99 })).not.toContain("counters");
  });

  test("shows a row per counter some policy has, a dash where a policy has no such section", () => {
    const ctable = policy("ctable", {
      allocations: allocations({ upgrades: 7, upgradeCostUsd: 0.0123, savedFromOutOfMemory: 5 }),
      splits: { requests: 10, tasks: 35, tasksPerRequest: 3.5 },
    });
    const lines = counterTable([policy("static"), ctable])
      .trimEnd()
      .split("\n");
    const row = (name: string) => lines.find((l) => l.startsWith(`${name} `))?.split(/\s{2,}/);
    expect(row("upgrades")).toEqual(["upgrades", "-", "7"]);
    expect(row("upgrade_cost_usd")).toEqual(["upgrade_cost_usd", "-", "$0.0123"]);
    expect(row("saved_from_oom")).toEqual(["saved_from_oom", "-", "5"]);
    expect(row("containers_per_vm")).toEqual(["containers_per_vm", "-", "2.5"]);
    expect(row("tasks_per_request")).toEqual(["tasks_per_request", "-", "3.5"]);
    // Zero for every policy: no row.
    expect(row("resizes")).toBeUndefined();
    expect(row("preinstantiations_wasted")).toBeUndefined();
  });

  test("summary.csv carries the same counters, empty where a policy has none", () => {
    const csv = summaryCsv(
      report([policy("static"), policy("pre", { allocations: allocations({ bindsWasted: 3 }) })]),
    ).split("\n");
    const header = csv[0]!.split(",");
    const at = (line: string, col: string) => line.split(",")[header.indexOf(col)];
    expect(at(csv[1]!, "preinstantiations_wasted")).toBe("");
    expect(at(csv[2]!, "preinstantiations_wasted")).toBe("3");
    expect(at(csv[2]!, "containers_per_vm")).toBe("2.5");
  });
});
