/**
 * Little's law on every queue the engine keeps. Once every customer has left,
 * the area under a population's size curve equals the sum of the stays
 * (L x T = sum of W) exactly, for any discipline; and over a long run the
 * mean population matches arrival rate x mean stay.
 */
import { describe, expect, test } from "vitest";
import * as S from "../../sim/engine/simjs/index.js";
import type { Population } from "../../sim/engine/stats/population.js";
import { RandomStreams, exponential } from "../../sim/random/index.js";

function expectSamplePathLittle(p: Population, label: string) {
  const area = p.sizeSeries.dataSeries.sumWeighted();
  const stays = p.durationSeries.sum();
  expect(p.current(), `${label}: everyone left`).toBe(0);
  expect(p.durationSeries.count(), `${label}: someone passed`).toBeGreaterThan(100);
  expect(stays, `${label}: someone waited`).toBeGreaterThan(0);
  expect(Math.abs(area - stays) / stays, `${label}: area ${area} vs stays ${stays}`).toBeLessThan(
    1e-9,
  );
}

/** Poisson arrivals for `until` seconds, then the system drains. */
function drive(act: (e: S.Entity, n: number) => void, rate: number, until: number, seed: string) {
  const sim = new S.Sim();
  const gap = exponential(new RandomStreams(seed).stream("arrivals"), rate);
  let n = 0;
  class Source extends S.Entity {
    start() {
      this.setTimer(gap()).done(() => {
        act(this, n++);
        if (this.time() < until) this.start();
      });
    }
  }
  sim.addEntity(Source, "source");
  sim.simulate(Infinity);
  return { sim, arrivals: n };
}

describe("Little's law holds on every queue", () => {
  test.each([
    ["FCFS x2", S.Facility.FCFS, 2],
    ["LCFS x1", S.Facility.LCFS, 1],
    ["LCFS x3", S.Facility.LCFS, 3],
    ["PS x1", S.Facility.PS, 1],
    ["PS x4", S.Facility.PS, 4],
  ] as const)("facility %s: system and queue", (label, discipline, servers) => {
    const f = new S.Facility("f", discipline, servers);
    const work = exponential(new RandomStreams(label).stream("work"), 1);
    const { sim, arrivals } = drive((e) => e.useFacility(f, work()), 0.85 * servers, 5000, label);
    f.finalize(sim.time());
    expectSamplePathLittle(f.systemStats(), `${label} system`);
    if (discipline !== S.Facility.PS) expectSamplePathLittle(f.queueStats(), `${label} queue`);
    expect(f.systemStats().durationSeries.count()).toBe(arrivals);
    // Statistical form over the run: L = lambda W within a few percent.
    const T = f.systemStats().sizeSeries.dataSeries.weight();
    const lambda = arrivals / T;
    const L = f.systemStats().sizeSeries.average();
    const W = f.systemStats().durationSeries.average();
    expect(Math.abs(L - lambda * W) / L).toBeLessThan(1e-9);
  });

  test("FCFS with reneging customers", () => {
    const f = new S.Facility("f", S.Facility.FCFS, 1);
    const r = new RandomStreams("renege");
    const work = exponential(r.stream("work"), 1);
    const patience = exponential(r.stream("patience"), 0.5);
    const { sim } = drive(
      (e) => e.useFacility(f, work()).waitUntil(patience()),
      1.2,
      3000,
      "renege",
    );
    f.finalize(sim.time());
    expectSamplePathLittle(f.systemStats(), "system");
    expectSamplePathLittle(f.queueStats(), "queue");
  });

  test("buffer put and get lines", () => {
    const b = new S.Buffer("b", 10, 0);
    const size = new RandomStreams("buffer").stream("size");
    // Amounts of 1..3 in a buffer of 10 never block both lines at once.
    const amount = () => 1 + Math.floor(size() * 3);
    const { sim } = drive(
      (e, n) => (n % 2 === 0 ? e.putBuffer(b, amount()) : e.getBuffer(b, amount())),
      2,
      3000,
      "buffer",
    );
    // Unblock whoever is left so that everyone leaves.
    class Drain extends S.Entity {
      start() {
        if (!b.getQueue.empty()) this.putBuffer(b, 1).done(this.start);
        else if (!b.putQueue.empty()) this.getBuffer(b, 1).done(this.start);
      }
    }
    sim.addEntity(Drain, "drain");
    sim.simulate(Infinity);
    b.putStats().finalize(sim.time());
    b.getStats().finalize(sim.time());
    expectSamplePathLittle(b.putStats(), "put line");
    expectSamplePathLittle(b.getStats(), "get line");
  });

  test.each([
    ["bounded store, any item", 2, false],
    ["unbounded store, filtered gets", Infinity, true],
  ] as const)("%s", (label, capacity, filtered) => {
    const st = new S.Store(capacity, "st");
    const pick = new RandomStreams(label).stream("pick");
    const { sim } = drive(
      (e, n) =>
        pick() < 0.5
          ? e.putStore(st, n % 3)
          : e.getStore(st, filtered && pick() < 0.5 ? (x) => x === 0 : undefined),
      2,
      3000,
      label,
    );
    class Drain extends S.Entity {
      start() {
        if (!st.getQueue.empty()) this.putStore(st, 0).done(this.start);
        else if (!st.putQueue.empty()) this.getStore(st).done(this.start);
      }
    }
    sim.addEntity(Drain, "drain");
    sim.simulate(Infinity);
    st.putStats().finalize(sim.time());
    st.getStats().finalize(sim.time());
    if (!filtered) expectSamplePathLittle(st.putStats(), "put line");
    expectSamplePathLittle(st.getStats(), "get line");
  });
});
