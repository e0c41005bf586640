/**
 * Container billing (AWS Fargate's rule): each allocation billed by its
 * vCPU and GB per second, at least a minute per start, the instance itself
 * free; re-derived from the ledger at the end of every run (the run would
 * throw otherwise). Profiles priced as containers or as a share of a VM.
 */
import { describe, expect, test } from "vitest";
import type { Catalog, InstanceType } from "../../sim/model/catalog/types.js";
import { DEFAULT_CATALOG } from "../../sim/model/catalog/default-catalog.js";
import { checkBill } from "../../sim/model/invariants.js";
import { defaultProfilesFor } from "../../sim/model/profiles.js";
import type { RunSummary } from "../../sim/model/summary.js";
import type { Action } from "../../sim/policies/types.js";
import { req, runAlloc, testPolicy } from "../support/alloc-harness.js";

const VCPU_H = 0.04048;
const GB_H = 0.004445;

const catalog: Catalog = new Map([
  ...DEFAULT_CATALOG,
  ["fargate", { ...DEFAULT_CATALOG.get("fargate")!, boot: { kind: "constant", value: 0 } }],
  [
    "m5.2xlarge",
    {
      ...DEFAULT_CATALOG.get("m5.2xlarge")!,
      allocationResize: { kind: "constant", value: 0 },
    } satisfies InstanceType,
  ],
]);

function onFargate(choose: (id: number) => Action[]) {
  return testPolicy({
    init: () => ({
      state: {},
      actions: [
        { kind: "pool", pool: "f", concurrency: 100 },
        { kind: "provision", pool: "f", type: "fargate", count: 1, prewarmed: true },
      ],
    }),
    onArrival: (state, _c, r) => ({ state, actions: choose(r.id) }),
  });
}

describe("container billing", () => {
  test("per second with a 1-minute minimum per allocation; the capacity itself costs nothing", () => {
    const run = runAlloc(
      onFargate((id) => [
        {
          kind: "place",
          instanceId: 1,
          allocation: id === 0 ? { vcpu: 1, memMiB: 2048 } : { vcpu: 0.5, memMiB: 4096 },
        },
      ]),
      [req(1, { cpuSeconds: 10 }), req(1, { cpuSeconds: 50 })],
      3600,
      catalog,
    );
    // 10 s billed as 60 s at 1 vCPU + 2 GB; 0.5 vCPU gets 100 s for 50 CPU-s, at 0.5 vCPU + 4 GB.
    const want = (60 * (1 * VCPU_H + 2 * GB_H) + 100 * (0.5 * VCPU_H + 4 * GB_H)) / 3600;
    expect(run.summary.costUsdByType.fargate).toBeCloseTo(want, 15);
    expect(run.summary.costUsd).toBeCloseTo(want, 15);
    expect(run.summary.idleCostUsd).toBe(0);
  });

  test("what still runs at the horizon is billed up to it", () => {
    const run = runAlloc(
      onFargate(() => [{ kind: "place", instanceId: 1, allocation: { vcpu: 2, memMiB: 1024 } }]),
      [req(10, { cpuSeconds: 1000 })],
      100,
      catalog,
    );
    expect(run.summary.inFlightAtEnd).toBe(1);
    expect(run.summary.costUsd).toBeCloseTo((90 * (2 * VCPU_H + 1 * GB_H)) / 3600, 15);
  });

  test("a profile places its allocation, priced as the profile says", () => {
    const profiles = defaultProfilesFor(catalog);
    const small = profiles.get("Small")!;
    expect(small.usdPerHour).toBeCloseTo(0.5 * VCPU_H + 1 * GB_H, 15);
    // Seed 002's High: 8 vCPU, 16 GB and the GPU of a g4dn.2xlarge (8 vCPU, 32 GiB): all of it.
    expect(profiles.get("HighComplexity")!.usdPerHour).toBeCloseTo(0.752, 12);
    const run = runAlloc(
      onFargate(() => [{ kind: "place", instanceId: 1, profile: "Small" }]),
      [req(1, { cpuSeconds: 60, parallelFraction: 0 })],
      3600,
      catalog,
    );
    // Half a core: 120 s.
    expect(run.records[0]!.endS - run.records[0]!.startS).toBeCloseTo(120, 12);
    expect(run.summary.costUsd).toBeCloseTo((120 * small.usdPerHour) / 3600, 15);
  });

  test("an unknown profile is rejected with the names there are", () => {
    const run = runAlloc(
      onFargate(() => [{ kind: "place", instanceId: 1, profile: "Huge" }]),
      [req(1)],
      100,
      catalog,
    );
    expect(run.summary.allocations?.rejectedByKind).toEqual({ place: 1 });
    expect(run.log[0]).toMatch(/unknown profile "Huge"; the scenario has Small, Medium, Large/);
  });
});

describe("the bill re-derived from billed vCPU- and GB-seconds", () => {
  const usage = new Map([["fargate", { vcpuS: 90, gbS: 180 }]]);
  const billed = (90 * VCPU_H + 180 * GB_H) / 3600;
  const summary = (usd: number) => ({ costUsdByType: { fargate: usd } }) as unknown as RunSummary;

  test("agrees with what was billed as the run went", () => {
    expect(() => checkBill(summary(billed), [], new Map(), catalog, usage)).not.toThrow();
  });

  test("catches a cost that differs from it", () => {
    expect(() => checkBill(summary(billed * 1.000001), [], new Map(), catalog, usage)).toThrow(
      /cost of fargate is .* but its billed intervals sum to/,
    );
  });
});
