/**
 * The allocation summary's counters of seed 000's profile requests (asked,
 * granted, what the grants cost) and of requests an upgrade saved from
 * running out of memory (completed above their first allocation's limit,
 * whether upgraded elsewhere or grown in place).
 */
import { describe, expect, test } from "vitest";
import type { Catalog, InstanceType } from "../../sim/model/catalog/types.js";
import { DEFAULT_CATALOG } from "../../sim/model/catalog/default-catalog.js";
import type { Action } from "../../sim/policies/types.js";
import { req, runAlloc, testPolicy } from "../support/alloc-harness.js";

const base = DEFAULT_CATALOG.get("m5.2xlarge")!;
const exact: InstanceType = { ...base, boot: { kind: "constant", value: 0 } };
const catalog: Catalog = new Map([...DEFAULT_CATALOG, ["m5.2xlarge", exact]]);

/** Two ready m5.2xlarge; each arrival placed on instance 1 in `profile`; `later` at 3 s. */
function policy(profile: (requested: string | undefined) => string, later: Action[] = []) {
  return testPolicy({
    init: () => ({
      state: {},
      actions: [
        { kind: "pool", pool: "p", concurrency: 16 },
        { kind: "provision", pool: "p", type: "m5.2xlarge", count: 2, prewarmed: true },
      ],
    }),
    onArrival: (state, _c, r) => ({
      state,
      actions: [
        { kind: "place", instanceId: 1, profile: profile(r.requestedProfile) },
        { kind: "timer", key: "later", atS: 3 },
      ],
    }),
    onTimer: (state) => ({ state, actions: later }),
  });
}

const upgradeToLarge: Action = {
  kind: "upgrade",
  requestId: 0,
  instanceId: 2,
  profile: "Large",
  mode: "migrate",
};

describe("requests saved from running out of memory", () => {
  test("an upgraded request that peaks above its first limit (Small: 1 GiB) counts", () => {
    // 3 GiB peak, growing linearly: it would die in Small after a third of its work.
    const work = [req(0, { cpuSeconds: 20, memMiB: 3072 })];
    const run = runAlloc(
      policy(() => "Small", [upgradeToLarge]),
      work.map((w) => ({ ...w, demand: { ...w.demand, memory: { kind: "steady" } } })),
      1000,
      catalog,
    );
    // Steady memory: it ran out at once in Small, before any upgrade.
    expect(run.records[0]!.outcome).toBe("failed-oom");
    expect(run.summary.allocations?.savedFromOutOfMemory).toBeUndefined();
    const grows = runAlloc(
      policy(() => "Small", [upgradeToLarge]),
      work,
      1000,
      catalog,
    );
    expect(grows.records[0]!.outcome).toBe("completed");
    expect(grows.summary.allocations?.upgrades).toBe(1);
    expect(grows.summary.allocations?.savedFromOutOfMemory).toBe(1);
  });

  test("one that stays under its first limit is upgraded but not counted as saved", () => {
    const work = [req(0, { cpuSeconds: 20, memMiB: 512 })];
    const run = runAlloc(
      policy(() => "Small", [upgradeToLarge]),
      work,
      1000,
      catalog,
    );
    expect(run.records[0]!.outcome).toBe("completed");
    expect(run.summary.allocations?.upgrades).toBe(1);
    expect(run.summary.allocations?.savedFromOutOfMemory).toBe(0);
  });

  test("a request grown in place past its first limit counts as saved too", () => {
    const work = [req(0, { cpuSeconds: 20, memMiB: 3072 })];
    const growInPlace: Action = { kind: "resizeAllocation", requestId: 0, profile: "Large" };
    const run = runAlloc(
      policy(() => "Small", [growInPlace]),
      work,
      1000,
      catalog,
    );
    expect(run.records[0]!.outcome).toBe("completed");
    expect(run.summary.allocations?.upgrades).toBe(0);
    expect(run.summary.allocations?.resizes).toBe(1);
    expect(run.summary.allocations?.savedFromOutOfMemory).toBe(1);
  });

  test("a resize that raises no memory limit leaves the count out", () => {
    const work = [req(0, { cpuSeconds: 20, memMiB: 512 })];
    const moreCpu: Action = {
      kind: "resizeAllocation",
      requestId: 0,
      allocation: { vcpu: 2, memMiB: 1024 },
    };
    const run = runAlloc(
      policy(() => "Small", [moreCpu]),
      work,
      1000,
      catalog,
    );
    expect(run.summary.allocations?.resizes).toBe(1);
    expect(run.summary.allocations?.savedFromOutOfMemory).toBeUndefined();
  });
});

describe("requested profiles", () => {
  test("asked and granted are counted from the placed profile; grants cost their allocation", () => {
    const work = [
      req(0, { cpuSeconds: 10 }, { requestedProfile: "Large" }),
      req(0, { cpuSeconds: 10 }, { requestedProfile: "Large" }),
      req(0, { cpuSeconds: 10 }),
    ];
    let asked = 0;
    // The first request asking is granted, the second served by the table (Small).
    const run = runAlloc(
      policy((want) => (want && asked++ === 0 ? want : "Small")),
      work,
      1000,
      catalog,
    );
    const a = run.summary.allocations!;
    expect([a.profileRequests, a.profileGrants]).toEqual([2, 1]);
    // Large on an m5.2xlarge: its dominant share (8 GiB of 32 GiB) of $0.384/h, for 10 s.
    expect(a.grantCostUsd).toBeCloseTo((0.384 * 0.25 * 10) / 3600, 12);
  });

  test("runs with no request asking have no such counters", () => {
    const run = runAlloc(
      policy(() => "Small"),
      [req(0, { cpuSeconds: 1 })],
      100,
      catalog,
    );
    expect(run.summary.allocations?.profileRequests).toBeUndefined();
  });
});
