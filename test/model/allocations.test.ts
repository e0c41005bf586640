/**
 * Allocations: requests in containers of their own limits, packed on an
 * instance's capacity; service time by the allocated vCPU (Amdahl), GPU
 * and bandwidth; out of memory at the allocation's limit; slots as equal
 * allocations; actions the model cannot honour rejected and counted.
 */
import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { DEFAULT_CATALOG } from "../../sim/model/catalog/default-catalog.js";
import type { Action, Allocation, FleetView, InstanceView } from "../../sim/policies/types.js";
import { ranS, req, runAlloc, testPolicy } from "../support/alloc-harness.js";

/** A policy with `n` ready instances of `type` in pool "p" that places request i as `choose` says. */
function placing(
  type: string,
  n: number,
  choose: (id: number, fleet: FleetView) => Action[],
  concurrency = 64,
) {
  return testPolicy({
    init: () => ({
      state: {},
      actions: [
        { kind: "pool", pool: "p", concurrency },
        { kind: "provision", pool: "p", type, count: n, prewarmed: true },
      ],
    }),
    onArrival: (state, _c, r, fleet) => ({ state, actions: choose(r.id, fleet) }),
  });
}

const place = (instanceId: number, allocation?: Allocation): Action =>
  allocation ? { kind: "place", instanceId, allocation } : { kind: "place", instanceId };

describe("service time follows the allocation", () => {
  test("Amdahl on the allocated vCPU: parallel work halves with twice the cores, serial work does not", () => {
    const allocs: Allocation[] = [
      { vcpu: 1, memMiB: 1024 },
      { vcpu: 2, memMiB: 1024 },
      { vcpu: 4, memMiB: 1024 },
      { vcpu: 4, memMiB: 1024 },
      { vcpu: 0.5, memMiB: 1024 },
    ];
    const run = runAlloc(
      placing("m5.2xlarge", 1, (id) => [place(1, allocs[id])]),
      [
        req(1, { cpuSeconds: 4, parallelFraction: 1 }),
        req(1, { cpuSeconds: 4, parallelFraction: 1 }),
        req(1, { cpuSeconds: 4, parallelFraction: 1 }),
        req(20, { cpuSeconds: 4, parallelFraction: 0.5 }),
        req(20, { cpuSeconds: 1, parallelFraction: 0 }),
      ],
      100,
    );
    const t = ranS(run);
    expect(t[0]).toBeCloseTo(4, 12);
    expect(t[1]).toBeCloseTo(2, 12);
    expect(t[2]).toBeCloseTo(1, 12);
    // 4 * (0.5 / 1 + 0.5 / 4)
    expect(t[3]).toBeCloseTo(2.5, 12);
    // Half a core: the serial work takes twice as long.
    expect(t[4]).toBeCloseTo(2, 12);
    expect(run.summary.allocations?.allocations).toBe(5);
  });

  test("IO moves at the allocated bandwidth, after the compute; none of its own means the instance's", () => {
    const bytes = 100e6; // 800 Mbit
    const run = runAlloc(
      placing("m5.2xlarge", 1, (id) => [
        place(
          1,
          id === 0
            ? { vcpu: 1, memMiB: 512, networkMbps: 100 }
            : id === 1
              ? { vcpu: 1, memMiB: 512, networkMbps: 400 }
              : { vcpu: 1, memMiB: 512 },
        ),
      ]),
      [
        req(1, { cpuSeconds: 1, ioReadBytes: bytes / 2, ioWriteBytes: bytes / 2 }),
        req(1, { cpuSeconds: 1, ioReadBytes: bytes }),
        req(1, { cpuSeconds: 1, ioReadBytes: bytes }),
      ],
      100,
    );
    const t = ranS(run);
    expect(t[0]).toBeCloseTo(1 + 8, 12);
    expect(t[1]).toBeCloseTo(1 + 2, 12);
    // m5.2xlarge: 2,500 Mbps baseline.
    expect(t[2]).toBeCloseTo(1 + 800 / 2500, 12);
  });

  test("a GPU in the allocation divides the compute by the speed-up; none, no speed-up", () => {
    const run = runAlloc(
      placing("g4dn.xlarge", 1, (id) => [
        place(1, id === 0 ? { vcpu: 1, memMiB: 1024, gpus: 1 } : { vcpu: 1, memMiB: 1024 }),
      ]),
      [req(1, { cpuSeconds: 10, gpuSpeedup: 5 }), req(1, { cpuSeconds: 10, gpuSpeedup: 5 })],
      100,
    );
    expect(ranS(run)).toEqual([2, 10]);
  });

  test("slots are equal allocations: a slot of four and a quarter of the instance take the same time", () => {
    const requests = [req(1, { cpuSeconds: 3, parallelFraction: 0.7, memMiB: 900 })];
    const slot = runAlloc(
      placing("m5.xlarge", 1, () => [{ kind: "route", pool: "p" }], 4),
      requests,
      100,
    );
    const quarter = runAlloc(
      placing("m5.xlarge", 1, () => [place(1, { vcpu: 1, memMiB: 4096, networkMbps: 1250 / 4 })]),
      requests,
      100,
    );
    expect(ranS(slot)[0]).toBeGreaterThan(0);
    expect(ranS(quarter)[0]).toBe(ranS(slot)[0]);
    expect(slot.summary.allocations).toBeUndefined();
  });

  test("a request whose memory outgrows its allocation runs out of memory; within it, completes", () => {
    const run = runAlloc(
      placing("m5.2xlarge", 1, (id) => [place(1, { vcpu: 1, memMiB: id === 0 ? 2048 : 4096 })]),
      [req(1, { memMiB: 3000 }), req(1, { memMiB: 3000 })],
      100,
    );
    expect(run.records.map((r) => r.outcome)).toEqual(["failed-oom", "completed"]);
  });
});

describe("packing", () => {
  test("a request that does not fit waits in the pool's line until a running one frees room", () => {
    const run = runAlloc(
      placing("m5.xlarge", 1, () => [place(1, { vcpu: 3, memMiB: 1024 })]),
      [req(1, { cpuSeconds: 6 }), req(2, { cpuSeconds: 6 })],
      100,
    );
    expect(run.records.map((r) => r.startS)).toEqual([1, 7]);
  });

  test("an allocation larger than the instance, or on an unknown instance, is rejected and counted", () => {
    const run = runAlloc(
      placing("m5.xlarge", 1, (id) =>
        id === 0 ? [place(1, { vcpu: 8, memMiB: 1024 })] : [place(99, { vcpu: 1, memMiB: 1 })],
      ),
      [req(1), req(2)],
      100,
    );
    expect(run.summary.allocations?.rejectedActions).toBe(2);
    expect(run.summary.allocations?.rejectedByKind).toEqual({ place: 2 });
    expect(run.log.some((l) => /vCPU \(8 asked, 4 there\)/.test(l))).toBe(true);
    expect(run.log.some((l) => /instance 99 is not in service/.test(l))).toBe(true);
    // Both ran anyway, routed to the default pool as if not placed.
    expect(run.summary.completed + run.summary.inFlightAtEnd).toBe(2);
  });

  test("random placements never pack more than an instance holds, and views show what is free", () => {
    const allocArb = fc.record({
      vcpu: fc.constantFrom(0.25, 0.5, 1, 2, 3),
      memMiB: fc.integer({ min: 128, max: 12_000 }),
      gpus: fc.constantFrom(0, 0, 1),
      networkMbps: fc.constantFrom(0, 50, 100, 700),
    });
    const reqArb = fc.record({
      gapS: fc.double({ min: 0, max: 2, noNaN: true }),
      cpuSeconds: fc.double({ min: 0.1, max: 8, noNaN: true }),
      instance: fc.integer({ min: 1, max: 3 }),
      alloc: allocArb,
    });
    fc.assert(
      fc.property(fc.array(reqArb, { minLength: 1, maxLength: 40 }), (list) => {
        const seen: InstanceView[] = [];
        const policy = placing("g4dn.xlarge", 3, (id, fleet) => {
          seen.push(...fleet.instances("p"));
          const r = list[id]!;
          return [place(r.instance, r.alloc)];
        });
        let t = 0;
        const requests = list.map((r) => req((t += r.gapS), { cpuSeconds: r.cpuSeconds }));
        const run = runAlloc(policy, requests, 1000);
        const type = DEFAULT_CATALOG.get("g4dn.xlarge")!;
        for (const v of seen) {
          const sum = (k: "vcpu" | "memMiB" | "gpus" | "networkMbps") =>
            v.allocations.reduce((a, x) => a + x[k], 0);
          for (const [k, cap] of [
            ["vcpu", type.vcpu],
            ["memMiB", type.memMiB],
            ["gpus", type.gpus],
            ["networkMbps", type.networkMbps],
          ] as const) {
            expect(sum(k)).toBeLessThanOrEqual(cap + 1e-9);
            expect(v.free[k]).toBeCloseTo(cap - sum(k), 9);
          }
          expect(v.allocations.map((a) => a.requestId)).toEqual(v.runningRequestIds);
        }
        // Every request ran (the horizon is long enough), in its allocation or rejected.
        const s = run.summary;
        expect(s.completed).toBe(list.length);
        expect(s.allocations!.allocations + s.allocations!.rejectedActions).toBe(list.length);
      }),
      { numRuns: 60 },
    );
  });
});
