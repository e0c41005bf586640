/**
 * Actions on allocations: resize in place (exact completion after the
 * latency, progress kept), upgrade elsewhere (migrate keeps the work and
 * pauses, restart loses it), and instances bound to notices (hit, wasted).
 */
import { describe, expect, test } from "vitest";
import type { Catalog, InstanceType } from "../../sim/model/catalog/types.js";
import { DEFAULT_CATALOG } from "../../sim/model/catalog/default-catalog.js";
import type { Action, Allocation } from "../../sim/policies/types.js";
import { req, runAlloc, testPolicy } from "../support/alloc-harness.js";

/** The default catalog with every delay of a type made constant. */
function exact(name: string, bootS: number, allocationResizeS: number): Catalog {
  const base = DEFAULT_CATALOG.get(name)!;
  const t: InstanceType = {
    ...base,
    boot: { kind: "constant", value: bootS },
    allocationResize: { kind: "constant", value: allocationResizeS },
  };
  return new Map([...DEFAULT_CATALOG, [name, t]]);
}

const catalog = exact("m5.2xlarge", 5, 1);
const small: Allocation = { vcpu: 1, memMiB: 512 };

/** Two ready m5.2xlarge; the request placed on instance 1 in `small`; `later` at 3 s. */
function withTimer(later: Action[]) {
  return testPolicy({
    init: () => ({
      state: {},
      actions: [
        { kind: "pool", pool: "p", concurrency: 16 },
        { kind: "provision", pool: "p", type: "m5.2xlarge", count: 2, prewarmed: true },
      ],
    }),
    onArrival: (state) => ({
      state,
      actions: [
        { kind: "place", instanceId: 1, allocation: small },
        { kind: "timer", key: "later", atS: 3 },
      ],
    }),
    onTimer: (state) => ({ state, actions: later }),
  });
}

const work = [req(1, { cpuSeconds: 8, parallelFraction: 1, memMiB: 512 })];

describe("resize an allocation in place", () => {
  test("faster: after the 1 s latency the rest runs on 4 vCPU, ending at exactly 5.25 s", () => {
    const resize: Action = {
      kind: "resizeAllocation",
      requestId: 0,
      allocation: { vcpu: 4, memMiB: 512 },
    };
    const run = runAlloc(withTimer([resize]), work, 100, catalog);
    // 3/8 done at 4 s; the other 5/8 of 8 CPU-s on 4 cores: 1.25 s.
    expect(run.records[0]!.endS).toBeCloseTo(5.25, 12);
    expect(run.summary.allocations?.resizes).toBe(1);
  });

  test("slower: on half a core the rest takes 10 s, ending at 14 s", () => {
    const resize: Action = {
      kind: "resizeAllocation",
      requestId: 0,
      allocation: { vcpu: 0.5, memMiB: 512 },
    };
    const run = runAlloc(withTimer([resize]), work, 100, catalog);
    expect(run.records[0]!.endS).toBeCloseTo(14, 12);
  });

  test("beyond the instance's free capacity, or of a request not running, it is rejected", () => {
    const run = runAlloc(
      withTimer([
        { kind: "resizeAllocation", requestId: 0, allocation: { vcpu: 9, memMiB: 512 } },
        { kind: "resizeAllocation", requestId: 42, allocation: small },
      ]),
      work,
      100,
      catalog,
    );
    expect(run.records[0]!.endS).toBeCloseTo(9, 12);
    expect(run.summary.allocations?.rejectedByKind).toEqual({ resizeAllocation: 2 });
    expect(run.log.join("\n")).toMatch(/has not the free vCPU \(9 asked, 8 there\)/);
  });

  test("more memory before the limit is crossed saves the request from running out", () => {
    const run = runAlloc(
      withTimer([
        { kind: "resizeAllocation", requestId: 0, allocation: { vcpu: 1, memMiB: 2048 } },
      ]),
      [req(1, { cpuSeconds: 8, parallelFraction: 1, memMiB: 1024 })],
      100,
      catalog,
    );
    expect(run.records[0]!.outcome).toBe("completed");
    expect(run.records[0]!.endS).toBeCloseTo(9, 12);
  });
});

describe("upgrade to a larger allocation elsewhere", () => {
  const big: Allocation = { vcpu: 4, memMiB: 2048 };
  const usd = (vcpuShare: number) => 0.384 * vcpuShare; // m5.2xlarge per hour, by its vCPU share

  test("migrate: work kept, paused 1 s + 512 MiB / 256 MiB/s, the rest at 4 vCPU", () => {
    const run = runAlloc(
      withTimer([
        { kind: "upgrade", requestId: 0, instanceId: 2, allocation: big, mode: "migrate" },
      ]),
      work,
      100,
      catalog,
    );
    const r = run.records[0]!;
    // Lands at 6 s with 2/8 done; 6/8 of the work on 4 cores: 1.5 s.
    expect(r.endS).toBeCloseTo(7.5, 12);
    expect(r.startS).toBe(1);
    expect(r.instanceId).toBe(2);
    const a = run.summary.allocations!;
    expect([a.upgrades, a.upgradeRestarts]).toEqual([1, 0]);
    expect(a.upgradeLostS).toBeCloseTo(3, 12);
    expect(a.upgradeCostUsd).toBeCloseTo(
      (3 * usd(1 / 8) + 1.5 * (usd(4 / 8) - usd(1 / 8))) / 3600,
      15,
    );
  });

  test("restart: the 2 s of work done are lost, it starts over at once at 4 vCPU", () => {
    const run = runAlloc(
      withTimer([
        { kind: "upgrade", requestId: 0, instanceId: 2, allocation: big, mode: "restart" },
      ]),
      work,
      100,
      catalog,
    );
    expect(run.records[0]!.endS).toBeCloseTo(5, 12);
    const a = run.summary.allocations!;
    expect([a.upgrades, a.upgradeRestarts]).toEqual([1, 1]);
    expect(a.upgradeLostS).toBeCloseTo(2, 12);
    expect(a.upgradeCostUsd).toBeCloseTo(
      (2 * usd(1 / 8) + 2 * (usd(4 / 8) - usd(1 / 8))) / 3600,
      15,
    );
  });

  test("to the instance it is on, or an unknown one, it is rejected and the request runs on", () => {
    const run = runAlloc(
      withTimer([
        { kind: "upgrade", requestId: 0, instanceId: 1, allocation: big, mode: "migrate" },
        { kind: "upgrade", requestId: 0, instanceId: 7, allocation: big, mode: "restart" },
      ]),
      work,
      100,
      catalog,
    );
    expect(run.records[0]!.endS).toBeCloseTo(9, 12);
    expect(run.summary.allocations?.rejectedByKind).toEqual({ upgrade: 2 });
  });
});

describe("instances bound to notices", () => {
  const bindCatalog = exact("m5.large", 5, 1);
  const policy = testPolicy({
    init: () => ({ state: {}, actions: [{ kind: "pool", pool: "pre" }] }),
    onNotice: (state) => ({
      state,
      actions: [
        {
          kind: "provision",
          pool: "pre",
          type: "m5.large",
          count: 1,
          forNotice: true,
          allocation: { vcpu: 2, memMiB: 1024 },
        },
      ],
    }),
    onArrival: (state) => ({ state, actions: [{ kind: "route", pool: "pre" }] }),
  });

  test("a right notice's request runs on its instance, warm; a wrong one's is wasted; nothing else takes a bound one", () => {
    const run = runAlloc(
      policy,
      [
        // Unannounced, routed to "pre" while both instances are bound.
        req(20, { cpuSeconds: 1 }, { functionId: 3 }),
        req(60, { cpuSeconds: 4, parallelFraction: 1 }, { functionId: 1, noticeLeadS: 50 }),
        req(80, { cpuSeconds: 1 }, { functionId: 2, noticeLeadS: 50, noticeFunctionId: 9 }),
      ],
      500,
      bindCatalog,
    );
    const [other, hit, miss] = run.records;
    const a = run.summary.allocations!;
    expect([a.bindsHit, a.bindsWasted]).toEqual([1, 1]);
    // The wasted one was bound from its notice at 30 s to the wrong request at 80 s: 50 s of m5.large.
    expect(a.bindsWastedCostUsd).toBeCloseTo((50 * 0.096) / 3600, 12);
    // Bound at 10 s, ready at 15 s, and reserved: the hit starts on arrival, in its 2 vCPU.
    expect(hit!.instanceId).toBe(1);
    expect([hit!.startS, hit!.endS, hit!.cold]).toEqual([60, 62, false]);
    // The unannounced request, though both instances were idle from 15 s, waited for the
    // hit to end on one of them; the wrong notice's request is routed as any other.
    expect([other!.instanceId, other!.startS]).toEqual([1, 62]);
    expect(miss!.startS).toBe(80);
    expect(run.summary.coldStarts).toBe(0);
  });
});
