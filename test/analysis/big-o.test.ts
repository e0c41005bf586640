import fc from "fast-check";
import { expect, test } from "vitest";
import { composedNesting, type FunctionLoops } from "../../sim/analysis/big-o.js";

const fn = (name: string, scalingLoopNesting: number, calls: [string, number][] = []) => ({
  name,
  scalingLoopNesting,
  localCalls: calls.map(([name, depth]) => ({ name, depth })),
});

test("a call reaches every function of its name, except those in its own group", () => {
  // f loops once around a call to `add`; one `add` loops twice, the other calls f back
  // (so it and f are one group, and it folds nothing into f).
  const f = fn("f", 1, [["add", 1]]);
  const addLooping = fn("add", 2);
  const addCallingBack = fn("add", 0, [["f", 0]]);
  const nesting = composedNesting<FunctionLoops>([f, addLooping, addCallingBack]);
  expect(nesting.get(f)).toBe(3);
  expect(nesting.get(addLooping)).toBe(2);
  // Its one call is to f, within its group.
  expect(nesting.get(addCallingBack)).toBe(0);
});

test("a thousand classes' add methods each calling add: one group, nothing folded in", () => {
  const adds = Array.from({ length: 1000 }, (_, i) => fn("add", i % 3, [["add", 1]]));
  const nesting = composedNesting(adds);
  expect(adds.map((a) => nesting.get(a))).toEqual(adds.map((a) => a.scalingLoopNesting));
});

test("property: the same nesting as following every call to every function of its name", () => {
  const names = ["a", "b", "c", "d"];
  const arbFunction = fc.record({
    name: fc.constantFrom(...names),
    scalingLoopNesting: fc.integer({ min: 0, max: 3 }),
    localCalls: fc.array(
      fc.record({
        name: fc.constantFrom(...names, "elsewhere"),
        depth: fc.integer({ min: 0, max: 2 }),
      }),
      { maxLength: 3 },
    ),
  });
  fc.assert(
    fc.property(fc.array(arbFunction, { minLength: 1, maxLength: 8 }), (functions) => {
      // Direct edges to every function of a called name; groups by mutual reachability.
      const n = functions.length;
      const reach = functions.map((f) =>
        functions.map((g) => f.localCalls.some((c) => c.name === g.name)),
      );
      for (let k = 0; k < n; k++)
        for (let i = 0; i < n; i++)
          for (let j = 0; j < n; j++) reach[i]![j] ||= reach[i]![k]! && reach[k]![j]!;
      const sameGroup = (i: number, j: number) => i === j || (reach[i]![j]! && reach[j]![i]!);
      const memo = new Map<number, number>();
      const expected = (i: number): number => {
        if (memo.has(i)) return memo.get(i)!;
        let k = functions[i]!.scalingLoopNesting;
        for (const c of functions[i]!.localCalls)
          functions.forEach((g, j) => {
            if (g.name === c.name && !sameGroup(i, j)) k = Math.max(k, c.depth + expected(j));
          });
        memo.set(i, k);
        return k;
      };
      const nesting = composedNesting(functions);
      functions.forEach((f, i) => expect(nesting.get(f)).toBe(expected(i)));
    }),
  );
});
