/**
 * The engine against queueing theory: M/M/c at a FCFS facility must match
 * Erlang C for mean wait and probability of waiting, within confidence
 * intervals from independent replications.
 */
import { describe, expect, test } from "vitest";
import { erlangB, mmc } from "../../sim/engine/analytic/erlang-c.js";
import * as S from "../../sim/engine/simjs/index.js";
import { RandomStreams, exponential } from "../../sim/random/index.js";

/** Student t 0.9995 quantiles (two-sided 99.9%) by degrees of freedom. */
const T9995: Record<number, number> = { 7: 5.408, 9: 4.781, 11: 4.437 };

interface Replication {
  meanWait: number;
  pWait: number;
}

/** One replication: `customers` after a warm-up of `warmup`, FCFS, `servers` servers. */
function replicate(
  lambda: number,
  servers: number,
  customers: number,
  warmup: number,
  streams: RandomStreams,
): Replication {
  const sim = new S.Sim();
  const desk = new S.Facility("desk", S.Facility.FCFS, servers);
  const interarrival = exponential(streams.stream("arrivals"), lambda);
  const service = exponential(streams.stream("service"), 1);
  let arrived = 0;
  let counted = 0;
  let waitSum = 0;
  let waited = 0;
  class Source extends S.Entity {
    start() {
      this.setTimer(interarrival()).done(this.arrive);
    }
    arrive() {
      const n = arrived++;
      const at = this.time();
      const ro = this.useFacility(desk, service());
      if (n >= warmup) {
        // A request that found a free server started service inside useFacility.
        if (!ro.noRenege) waited++;
        ro.done(() => {
          waitSum += this.time() - at - ro.ticket!.demand;
          counted++;
        });
      }
      if (arrived < warmup + customers) this.start();
    }
  }
  sim.addEntity(Source, "source");
  sim.simulate(Infinity);
  expect(counted).toBe(customers);
  return { meanWait: waitSum / counted, pWait: waited / counted };
}

function interval(xs: number[]) {
  const n = xs.length;
  const mean = xs.reduce((a, b) => a + b, 0) / n;
  const sd = Math.sqrt(xs.reduce((a, x) => a + (x - mean) ** 2, 0) / (n - 1));
  const half = (T9995[n - 1] ?? NaN) * (sd / Math.sqrt(n));
  return { mean, half };
}

describe("Erlang C itself", () => {
  test("matches known values", () => {
    // M/M/1: P(wait) = rho, Wq = rho / (mu - lambda).
    const m1 = mmc(0.9, 1, 1);
    expect(m1.pWait).toBeCloseTo(0.9, 12);
    expect(m1.meanWait).toBeCloseTo(9, 12);
    // Erlang B(2, 1) = 0.2; Erlang C(2, 1) = 1/3.
    expect(erlangB(2, 1)).toBeCloseTo(0.2, 12);
    expect(mmc(1, 1, 2).pWait).toBeCloseTo(1 / 3, 12);
    expect(() => mmc(2, 1, 2)).toThrow(/unstable/);
  });
});

const REPLICATIONS = 8;
const plan: [number, number, number][] = [];
for (let c = 1; c <= 8; c++) {
  // Fewer customers wait at light load and many servers, so those runs are longer.
  plan.push([c, 0.5, 15_000 * c], [c, 0.8, 30_000 + 10_000 * c], [c, 0.95, 150_000]);
}

describe("M/M/c at a FCFS facility matches Erlang C", () => {
  test.each(plan)("c = %i, rho = %d", (servers, rho, customers) => {
    const lambda = rho * servers;
    const theory = mmc(lambda, 1, servers);
    const root = new RandomStreams(`mmc-${servers}-${rho}`);
    const reps = Array.from({ length: REPLICATIONS }, (_, r) =>
      replicate(lambda, servers, customers, customers / 10, root.child(`rep-${r}`)),
    );
    const wait = interval(reps.map((r) => r.meanWait));
    const pWait = interval(reps.map((r) => r.pWait));
    expect(Math.abs(wait.mean - theory.meanWait)).toBeLessThanOrEqual(wait.half);
    expect(Math.abs(pWait.mean - theory.pWait)).toBeLessThanOrEqual(pWait.half);
    // The 99.9% intervals are tight enough to mean something.
    expect(wait.half / theory.meanWait).toBeLessThan(0.3);
    expect(pWait.half / theory.pWait).toBeLessThan(0.15);
  });
});
