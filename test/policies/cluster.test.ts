/**
 * Seed 003's cluster policy: how many tasks Amdahl allows, which VM type a
 * container scales out with, how a request's container comes from its
 * code's demand profile, and what a run of it does with parallel code.
 */
import { describe, expect, test } from "vitest";
import { DEFAULT_CATALOG } from "../../sim/model/catalog/default-catalog.js";
import { typeViewOf } from "../../sim/model/type-view.js";
import { clusterPolicy, type ClusterConfig } from "../../sim/policies/cluster.js";
import { fleetFromData } from "../../sim/policies/fleet-data.js";
import { cheapestType, containersOn } from "../../sim/policies/pieces/cluster/cheapest-type.js";
import { demandProfile } from "../../sim/policies/pieces/cluster/demand-profile.js";
import { usefulTasks } from "../../sim/policies/pieces/cluster/useful-tasks.js";
import type { PolicyContext, RequestView } from "../../sim/policies/types.js";

const types = ["c5.large", "c5.2xlarge", "m5.2xlarge"].map((n) =>
  typeViewOf(DEFAULT_CATALOG.get(n)!),
);
const fleet = (instances: number, queueLength = 0) =>
  fleetFromData({
    nowS: 0,
    types,
    pools: [
      {
        id: "default",
        functionId: -1,
        routing: "least-loaded",
        concurrency: 32,
        queueLength,
        booting: 0,
        ready: instances,
        draining: 0,
        idle: instances,
        busySlots: 0,
        freeSlots: 32 * instances,
        bootingSlots: 0,
        busySlotSeconds: 0,
        readySlotSeconds: 0,
        instances: Array.from({ length: instances }, (_, id) => ({
          id,
          pool: "default",
          typeName: "c5.2xlarge",
          state: "idle" as const,
          runningRequestIds: [],
          slots: 32,
          busySlots: 0,
          freeSlots: 32,
          requestedAtS: 0,
          readyAtS: 0,
          idleSinceS: 0,
          free: { vcpu: 8, memMiB: 16384, gpus: 0, networkMbps: 10000 },
          allocations: [],
        })),
      },
    ],
  });
const ctx: PolicyContext = { nowS: 0, random: () => 0.5, log: () => {} };
const config = (more: Partial<ClusterConfig> = {}): ClusterConfig =>
  clusterPolicy.configSchema.parse({ types: ["c5.2xlarge", "c5.large", "m5.2xlarge"], ...more });
const request = (features: RequestView["features"]): RequestView => ({
  id: 1,
  functionId: 3,
  arrivalS: 0,
  features,
});
const rdp = (parallelism: number, criticalSections = 0) => ({
  parallelism,
  criticalSections,
  cpuCoresMin: 1,
  cpuCoresMax: 8,
  memMiBMin: 200,
  memMiBMax: 1000,
  networkMbps: 50,
  iops: 200,
});

describe("useful tasks (Amdahl)", () => {
  test("the serial share caps the tasks at the efficiency asked", () => {
    // p = 0.95 at 70%: k (0.05) + 0.95 <= 1/0.7, so k <= 9.57.
    expect(usefulTasks(0.95, 0, 0.7, 16)).toBe(9);
    expect(usefulTasks(0.8, 0, 0.7, 16)).toBe(3);
    expect(usefulTasks(0.3, 0, 0.7, 16)).toBe(1);
    expect(usefulTasks(0, 0, 0.7, 16)).toBe(1);
    expect(usefulTasks(1, 0, 0.7, 16)).toBe(16);
  });

  test("critical sections divide the cap", () => {
    expect(usefulTasks(1, 1, 0.7, 8)).toBe(4);
    expect(usefulTasks(1, 3, 0.7, 8)).toBe(2);
    expect(usefulTasks(0.95, 20, 0.7, 8)).toBe(1);
  });
});

describe("the VM type a container scales out with", () => {
  test("is the cheapest per container it holds, not the cheapest VM", () => {
    const f = fleet(0);
    const small = { vcpu: 1, memMiB: 512 };
    expect(containersOn(f.type("c5.2xlarge")!, small, 32)).toBe(8);
    const pick = cheapestType(["c5.large", "c5.2xlarge", "m5.2xlarge"], small, 32, f)!;
    const perContainer = (n: string) => f.type(n)!.usdPerHour / containersOn(f.type(n)!, small, 32);
    for (const n of ["c5.large", "c5.2xlarge", "m5.2xlarge"])
      expect(perContainer(pick.name)).toBeLessThanOrEqual(perContainer(n));
    // Memory-heavy containers: only the 32 GiB m5.2xlarge holds 20 GiB.
    expect(
      cheapestType(["c5.large", "c5.2xlarge", "m5.2xlarge"], { vcpu: 1, memMiB: 20480 }, 32, f)
        ?.name,
    ).toBe("m5.2xlarge");
    expect(cheapestType(["c5.large"], { vcpu: 4, memMiB: 512 }, 32, f)).toBeUndefined();
  });
});

describe("a request's container, from its demand profile", () => {
  test("reads the profile back from the code features; none without an analysis", () => {
    expect(demandProfile(null)).toBeNull();
    expect(demandProfile({ complexityScore: 20 })).toBeNull();
    expect(demandProfile(rdp(0.9, 1))).toMatchObject({
      parallelism: 0.9,
      criticalSections: 1,
      memoryMiB: { min: 200, max: 1000 },
      networkMbps: 50,
    });
  });

  test("parallel code is split into one-vCPU tasks, each with its share of the memory", () => {
    const c = config();
    const d = clusterPolicy.onArrival!(
      { peaks: {}, growing: {} },
      c,
      request(rdp(0.95)),
      fleet(2),
      ctx,
    );
    const split = d.actions.find((a) => a.kind === "split");
    // 9 useful tasks at 70%, capped at maxTasks 8; task 0 holds 0.05 + 0.95 / 8 of 1000 x 1.2.
    expect(split).toMatchObject({
      kind: "split",
      tasks: 8,
      allocation: { vcpu: 1, networkMbps: 50 },
    });
    if (split?.kind !== "split") throw new Error("no split");
    expect(split.allocation!.memMiB).toBeCloseTo(1200 * (0.05 + 0.95 / 8), 9);
    expect(d.actions).toContainEqual({ kind: "route", pool: "default" });
  });

  test("serial code is placed whole, best fit, and a learned peak replaces the profile's memory", () => {
    const c = config();
    const d = clusterPolicy.onArrival!(
      { peaks: { "3": 300 }, growing: {} },
      c,
      request(rdp(0.2)),
      fleet(2),
      ctx,
    );
    expect(d.actions).toEqual([
      { kind: "place", instanceId: 0, allocation: { vcpu: 1, memMiB: 360, networkMbps: 50 } },
    ]);
  });

  test("with no room, the cluster scales out behind a line, for requests of enough priority", () => {
    const c = config({ scaleOutPriority: 1, minInstances: 0 });
    const s0 = { peaks: {}, growing: {} };
    const r = { ...request(rdp(0.2)), priority: 2 };
    // No line yet: the request waits a moment rather than buy a VM.
    expect(clusterPolicy.onArrival!(s0, c, r, fleet(0), ctx).actions).toEqual([]);
    const grown = clusterPolicy.onArrival!(s0, c, r, fleet(0, 5), ctx).actions;
    // 6 one-vCPU containers of 1.2 GiB: the cheapest per container, once.
    expect(grown).toHaveLength(1);
    expect(grown[0]).toMatchObject({ kind: "provision", pool: "default", count: 1 });
    const low = { ...r, priority: 0 };
    expect(clusterPolicy.onArrival!(s0, c, low, fleet(0, 5), ctx).actions).toEqual([]);
  });
});
