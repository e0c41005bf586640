/** The golden comparison fails on any change a reader could see, and only on those. */
import { readFileSync } from "node:fs";
import { describe, expect, test } from "vitest";
import { goldenDiffs } from "../support/golden-compare.js";

const path = new URL("../../scenarios/golden/quickstart.json", import.meta.url);
type Golden = { policies: Record<string, unknown>[] } & Record<string, unknown>;
const golden = (): Golden => JSON.parse(readFileSync(path, "utf8")) as Golden;

/** The golden with one change made to a copy of it. */
function changed(edit: (g: Golden) => void): Golden {
  const g = golden();
  edit(g);
  return g;
}

const policy = (g: Golden) => g.policies[0]!;
const latency = (g: Golden) =>
  policy(g).latencyS as { mean: number; p50: number; p95?: number; p99: number };

describe("the golden comparison", () => {
  test("a summary matches itself", () => {
    expect(goldenDiffs(golden(), golden(), "q")).toEqual([]);
  });

  test("floating-point noise passes: a few ulps, and 1e-11 relative", () => {
    const noisy = changed((g) => {
      latency(g).p99 = latency(g).p99 * (1 + 4 * Number.EPSILON);
      latency(g).mean = latency(g).mean * (1 + 1e-11);
    });
    expect(goldenDiffs(noisy, golden(), "q")).toEqual([]);
    expect(goldenDiffs({ x: 1e-14 }, { x: 0 }, "q")).toEqual([]);
  });

  test("a float off by 1e-7 relative fails, and so does 1e-9 where the golden has zero", () => {
    const off = changed((g) => void (latency(g).p50 = latency(g).p50 * (1 + 1e-7)));
    expect(goldenDiffs(off, golden(), "q")).toEqual([
      `q.policies[0].latencyS.p50: ${latency(off).p50} != ${latency(golden()).p50}`,
    ]);
    expect(goldenDiffs({ x: 1e-9 }, { x: 0 }, "q")).toEqual(["q.x: 1e-9 != 0"]);
  });

  test("a count off by one fails, however large, and so does a fraction of one", () => {
    const completed = policy(golden()).completed as number;
    const one = changed((g) => void (policy(g).completed = completed + 1));
    expect(goldenDiffs(one, golden(), "q")).toEqual([
      `q.policies[0].completed: ${completed + 1} != ${completed}`,
    ]);
    expect(goldenDiffs({ requests: 1e12 + 1 }, { requests: 1e12 }, "q")).toHaveLength(1);
    expect(goldenDiffs({ coldStarts: 2.25 + 1e-12 }, { coldStarts: 2.25 }, "q")).toHaveLength(1);
  });

  test("a field missing or extra fails, naming it", () => {
    const missing = changed((g) => void delete latency(g).p95);
    expect(goldenDiffs(missing, golden(), "q")).toEqual([
      `q.policies[0].latencyS.p95: (missing) != ${latency(golden()).p95}`,
    ]);
    const extra = changed((g) => void (policy(g).latencyP999S = 1));
    expect(goldenDiffs(extra, golden(), "q")).toEqual([
      "q.policies[0].latencyP999S: 1 != (missing)",
    ]);
    const fewer = changed((g) => void g.policies.pop());
    const last = golden().policies.length - 1;
    expect(goldenDiffs(fewer, golden(), "q")[0]).toMatch(
      new RegExp(`^q\\.policies\\[${last}\\]: \\(missing\\) != \\{`),
    );
  });

  test("values never stand in for one another: null, 0, strings, arrays, objects", () => {
    expect(goldenDiffs({ ci95: 0 }, { ci95: null }, "q")).toEqual(["q.ci95: 0 != null"]);
    expect(goldenDiffs({ n: "1" }, { n: 1 }, "q")).toEqual(['q.n: "1" != 1']);
    expect(goldenDiffs({ a: { 0: 1 } }, { a: [1] }, "q")).toEqual(['q.a: {"0":1} != [1]']);
    expect(goldenDiffs({ a: [] }, { a: {} }, "q")).toEqual(["q.a: [] != {}"]);
    const name = policy(golden()).policy as string;
    const renamed = changed((g) => void (policy(g).policy = `${name}-b`));
    expect(goldenDiffs(renamed, golden(), "q")).toEqual([
      `q.policies[0].policy: "${name}-b" != "${name}"`,
    ]);
  });
});
