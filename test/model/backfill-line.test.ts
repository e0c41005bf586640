/**
 * How a packing pool serves its line: in order by default (a head that
 * fits nowhere holds back the rest), or with `line: "backfill"` a request
 * behind it that fits starts first, as Kubernetes schedules pending pods;
 * a line with priorities stays in order whatever the pool asked.
 */
import { describe, expect, test } from "vitest";
import type { Action, Allocation } from "../../sim/policies/types.js";
import { req, runAlloc, testPolicy } from "../support/alloc-harness.js";

/** One ready m5.2xlarge (8 vCPU); request i placed on it in `sizes[i]` vCPU. */
function policy(line: "in-order" | "backfill" | undefined, sizes: readonly number[]) {
  return testPolicy({
    init: () => ({
      state: {},
      actions: [
        { kind: "pool", pool: "p", concurrency: 16, ...(line ? { line } : {}) },
        { kind: "provision", pool: "p", type: "m5.2xlarge", count: 1, prewarmed: true },
      ],
    }),
    onArrival: (state, _c, r) => {
      const allocation: Allocation = { vcpu: sizes[r.id]!, memMiB: 512 };
      const place: Action = { kind: "place", instanceId: 1, allocation };
      return { state, actions: [place] };
    },
  });
}

// 0: 6 vCPU for 20 s; 1: 4 vCPU, which must wait for it; 2: 1 vCPU for 1 s, which fits now.
const work = [req(0, { cpuSeconds: 20 }), req(1, { cpuSeconds: 4 }), req(2, { cpuSeconds: 1 })];
const sizes = [6, 4, 1];
const startOf = (line: "in-order" | "backfill" | undefined, w = work) => {
  const run = runAlloc(policy(line, sizes), w, 1000);
  return new Map(run.records.map((r) => [r.id, r.startS]));
};

describe("a packing pool's line", () => {
  test("in order by default: the small request waits behind the large one", () => {
    for (const line of [undefined, "in-order"] as const) {
      const s = startOf(line);
      expect(s.get(1)).toBeCloseTo(20, 6);
      expect(s.get(2)).toBeCloseTo(20, 6);
    }
  });

  test("backfill: the small request starts on arrival; the large one still when room frees", () => {
    const s = startOf("backfill");
    expect(s.get(2)).toBeCloseTo(2, 6);
    expect(s.get(1)).toBeCloseTo(20, 6);
  });

  test("a freed instance takes the first request behind the head that fits", () => {
    // 3 (2 vCPU) arrives while 0 and 2 (7 vCPU) run and 1 (4 vCPU) waits: it cannot start
    // (1 vCPU free) and waits too; when 2 ends at 3 s, it starts though 1 still does not fit.
    const w = [...work, req(2.5, { cpuSeconds: 1 })];
    const run = runAlloc(policy("backfill", [6, 4, 1, 2]), w, 1000);
    const s = new Map(run.records.map((r) => [r.id, r.startS]));
    expect(s.get(3)).toBeCloseTo(3, 6);
    expect(s.get(1)).toBeCloseTo(20, 6);
  });

  test("with service classes the line stays in order", () => {
    const classed = work.map((r) => ({ ...r, serviceClass: { name: "gold", priority: 1 } }));
    const s = startOf("backfill", classed);
    expect(s.get(2)).toBeCloseTo(20, 6);
  });
});
