import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { LinearThompson } from "../../sim/predict/linear-thompson.js";
import { LinUcb } from "../../sim/predict/linucb.js";
import { Seeded } from "../../sim/predict/seeded.js";

interface Bandit {
  choose(x: ArrayLike<number>): number;
  observe(arm: number, x: ArrayLike<number>, reward: number): void;
}

const ARMS = 4;
const DIM = 4;

/** A known linear problem: reward = x . theta[arm] + N(0, 0.3^2); x = (1, three uniform on [-1, 1]). */
function problem(seed: number) {
  const rng = new Seeded(seed);
  const theta = Array.from({ length: ARMS }, () => Array.from({ length: DIM }, () => rng.normal()));
  const mean = (a: number, x: number[]) => x.reduce((s, xi, i) => s + xi * theta[a]![i]!, 0);
  return {
    context: () => [1, ...Array.from({ length: DIM - 1 }, () => 2 * rng.next() - 1)],
    mean,
    reward: (a: number, x: number[]) => mean(a, x) + 0.3 * rng.normal(),
  };
}

/** Cumulative expected regret after each of the checkpoints. */
function regret(bandit: Bandit, seed: number, checkpoints: number[]): number[] {
  const p = problem(seed);
  const out: number[] = [];
  let total = 0;
  const last = Math.max(...checkpoints);
  for (let t = 1; t <= last; t++) {
    const x = p.context();
    const a = bandit.choose(x);
    const best = Math.max(...Array.from({ length: ARMS }, (_, k) => p.mean(k, x)));
    total += best - p.mean(a, x);
    bandit.observe(a, x, p.reward(a, x));
    if (checkpoints.includes(t)) out.push(total);
  }
  return out;
}

const uniform = (seed: number): Bandit => {
  const rng = new Seeded(seed);
  return { choose: () => Math.floor(rng.next() * ARMS), observe: () => {} };
};

describe("contextual bandits on a known linear problem", () => {
  const makers: [string, () => Bandit][] = [
    ["LinUCB", () => LinUcb.create(ARMS, DIM, { alpha: 1.5 })],
    ["linear Thompson sampling", () => LinearThompson.create(ARMS, DIM, { v: 1, seed: 5 })],
  ];
  for (const [name, make] of makers) {
    it(`${name}: regret grows sublinearly and far below uniform random`, () => {
      for (const seed of [1, 2, 3]) {
        const [r1, r4] = regret(make(), seed, [2000, 8000]);
        const [u1, u4] = regret(uniform(seed + 100), seed, [2000, 8000]);
        // Linear growth would quadruple it; log-like growth adds little.
        expect(r4! / r1!).toBeLessThan(2);
        expect(r4!).toBeLessThan(0.1 * u4!);
        expect(u4! / u1!).toBeGreaterThan(3.5);
      }
    });
  }

  it("state JSON round trips give identical later choices (and the seed drives Thompson's)", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 1000 }),
        fc.integer({ min: 0, max: 200 }),
        (seed, warm) => {
          for (const make of [
            () => LinUcb.create(ARMS, DIM),
            () => LinearThompson.create(ARMS, DIM, { seed }),
          ]) {
            const p = problem(seed);
            const a = make();
            for (let t = 0; t < warm; t++) {
              const x = p.context();
              const k = a.choose(x);
              a.observe(k, x, p.reward(k, x));
            }
            const b =
              make() instanceof LinUcb
                ? LinUcb.fromJSON(JSON.parse(JSON.stringify(a)))
                : LinearThompson.fromJSON(JSON.parse(JSON.stringify(a)));
            for (let t = 0; t < 30; t++) {
              const x = p.context();
              const k = a.choose(x);
              expect(b.choose(x)).toBe(k);
              const r = p.reward(k, x);
              a.observe(k, x, r);
              b.observe(k, x, r);
            }
          }
        },
      ),
      { numRuns: 20 },
    );
    const x = [1, 0.2, -0.3, 0.5];
    const picks = (seed: number) => {
      const t = LinearThompson.create(ARMS, DIM, { seed });
      return Array.from({ length: 40 }, () => t.choose(x)).join("");
    };
    expect(picks(9)).toBe(picks(9));
    expect(picks(9)).not.toBe(picks(10));
  });

  it("rejects bad contexts, arms and states", () => {
    const b = LinUcb.create(2, 3);
    expect(() => b.choose([1, 2])).toThrow(/context of 2 features; the bandit has 3/);
    expect(() => b.observe(5, [1, 2, 3], 1)).toThrow(/no arm 5/);
    expect(() => b.observe(0, [1, 2, 3], Number.NaN)).toThrow(/not finite/);
    expect(() =>
      LinUcb.fromJSON({
        kind: "linucb",
        dim: 3,
        alpha: 1,
        arms: [{ inverse: [1], b: [0], pulls: 0 }],
      }),
    ).toThrow(/3x3 inverse/);
    expect(() => LinearThompson.fromJSON({ kind: "linucb" })).toThrow(/not a "linear-thompson"/);
  });
});
