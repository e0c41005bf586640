/**
 * Defects of simjs 2.0.3, each shown on simjs and shown fixed here. The
 * reference half of each test documents the defect; if a later simjs fixes
 * it, that half fails and this file should be revised.
 */
import { describe, expect, test } from "vitest";
import { loadReferenceSimJs, ours, type SimJsApi } from "../../support/simjs-reference.js";

const reference = loadReferenceSimJs();

function ticker(S: SimJsApi) {
  const sim = new S.Sim();
  const ticks: number[] = [];
  class Ticker extends S.Entity {
    start() {
      this.setTimer(1).done(() => {
        ticks.push(this.time());
        this.start();
      });
    }
  }
  sim.addEntity(Ticker, "ticker");
  return { sim, ticks };
}

describe("simulate() can be resumed", () => {
  test("simjs: a second simulate() with a later end time does nothing", () => {
    const { sim, ticks } = ticker(reference);
    sim.simulate(10.5);
    sim.simulate(20.5);
    expect(ticks).toHaveLength(10);
  });

  test("ours: the second call continues from the first's end time", () => {
    const { sim, ticks } = ticker(ours);
    sim.simulate(10.5);
    expect(sim.time()).toBe(10.5);
    sim.simulate(20.5);
    expect(ticks).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
    expect(sim.time()).toBe(20.5);
  });
});

function zeroUse(S: SimJsApi) {
  const sim = new S.Sim();
  const desk = new S.Facility("desk");
  const done: number[] = [];
  class Quick extends S.Entity {
    start() {
      this.useFacility(desk, 0).done(() => done.push(this.time()));
    }
  }
  sim.addEntity(Quick, "quick");
  sim.simulate(10);
  return done;
}

test("useFacility(f, 0) at time 0: simjs throws, ours completes at 0", () => {
  expect(() => zeroUse(reference)).toThrow();
  expect(zeroUse(ours)).toEqual([0]);
});

function cancelledQueueEvent(S: SimJsApi) {
  const sim = new S.Sim();
  const bell = new S.Event("bell");
  const woken: string[] = [];
  class Queuer extends S.Entity {
    start(cancelAt: number | null) {
      const ro = this.queueEvent(bell).done(() => woken.push(this.name));
      if (cancelAt !== null) this.setTimer(cancelAt).done(() => ro.cancel());
    }
  }
  class Ringer extends S.Entity {
    start() {
      this.setTimer(5).done(() => bell.fire());
    }
  }
  sim.addEntity(Queuer, "first", 1);
  sim.addEntity(Queuer, "second", null);
  sim.addEntity(Ringer, "ringer");
  sim.simulate(10);
  return woken;
}

test("a cancelled queueEvent: simjs swallows the fire, ours wakes the next in line", () => {
  expect(cancelledQueueEvent(reference)).toEqual([]);
  expect(cancelledQueueEvent(ours)).toEqual(["second"]);
});

function negativeTimer(S: SimJsApi) {
  const sim = new S.Sim();
  const times: number[] = [];
  class Timer extends S.Entity {
    start() {
      this.setTimer(5).done(() => {
        times.push(this.time());
        this.setTimer(-3).done(() => times.push(this.time()));
      });
    }
  }
  sim.addEntity(Timer, "t");
  sim.simulate(10);
  return times;
}

test("a negative setTimer: simjs moves time backwards, ours refuses it", () => {
  expect(negativeTimer(reference)).toEqual([5, 2]);
  expect(() => negativeTimer(ours)).toThrow(/setTimer: delay must be a finite number >= 0, got -3/);
  for (const bad of [NaN, -0.001, Infinity]) {
    const sim = new ours.Sim();
    const e = new ours.Entity(sim, "e");
    expect(() => e.setTimer(bad)).toThrow(RangeError);
    expect(() => e.send("m", bad)).toThrow(RangeError);
    expect(() => e.useFacility(new ours.Facility("f"), bad)).toThrow(RangeError);
  }
});

function lcfs(S: SimJsApi) {
  const sim = new S.Sim();
  const rnd = new S.Random(5);
  const server = new S.Facility("server", S.Facility.LCFS);
  let arrivals = 0;
  const sojourns: number[] = [];
  class Source extends S.Entity {
    start() {
      this.setTimer(rnd.exponential(0.8)).done(() => {
        const at = this.time();
        arrivals++;
        this.useFacility(server, rnd.exponential(1)).done(() => sojourns.push(this.time() - at));
        this.start();
      });
    }
  }
  sim.addEntity(Source, "source");
  sim.simulate(5000);
  server.finalize(5000);
  const mean = sojourns.reduce((a, b) => a + b, 0) / sojourns.length;
  return {
    arrivals,
    completions: sojourns.length,
    mean,
    W: server.systemStats().durationSeries.average(),
  };
}

test("LCFS preemption: simjs completes requests twice, ours once, with consistent statistics", () => {
  const ref = lcfs(reference);
  expect(ref.completions).toBeGreaterThan(ref.arrivals);
  const r = lcfs(ours);
  expect(r.completions).toBeLessThanOrEqual(r.arrivals);
  expect(r.arrivals - r.completions).toBeLessThan(100);
  // The facility's own record of stays agrees with what the entities saw.
  expect(r.W).toBeCloseTo(r.mean, 9);
  // M/M/1 LCFS-PR has the same mean sojourn as FCFS: 1 / (mu - lambda) = 5.
  expect(r.mean).toBeGreaterThan(4);
  expect(r.mean).toBeLessThan(6);
});

test("multi-server LCFS preempts the earliest arrival in service and resumes newest first", () => {
  const sim = new ours.Sim();
  const f = new ours.Facility("f", ours.Facility.LCFS, 2);
  const done: [string, number][] = [];
  class Job extends ours.Entity {
    start(at: number, work: number) {
      this.setTimer(at).done(() =>
        this.useFacility(f, work).done(() => done.push([this.name, this.time()])),
      );
    }
  }
  sim.addEntity(Job, "a", 0, 10); // preempted at 2 with 8 left; resumes at 6, ends at 14
  sim.addEntity(Job, "b", 1, 10); // preempted at 3 with 8 left; resumes at 5, ends at 13
  sim.addEntity(Job, "c", 2, 3); // ends at 5
  sim.addEntity(Job, "d", 3, 3); // ends at 6
  sim.simulate(100);
  expect(done).toEqual([
    ["c", 5],
    ["d", 6],
    ["b", 13],
    ["a", 14],
  ]);
  expect(f.usage()).toBeCloseTo(26, 9);
});

function psFinalize(S: SimJsApi) {
  const sim = new S.Sim();
  const cpu = new S.Facility("cpu", S.Facility.PS);
  class Job extends S.Entity {
    start() {
      this.useFacility(cpu, 2);
    }
  }
  sim.addEntity(Job, "a");
  sim.addEntity(Job, "b");
  sim.simulate(10);
  cpu.finalize(10);
  return cpu.systemStats();
}

test("finalize() on a processor-sharing facility: simjs throws, ours closes the statistics", () => {
  expect(() => psFinalize(reference)).toThrow();
  const stats = psFinalize(ours);
  // Two jobs of 2 s share the server: both leave at 4; L = (2 * 4) / 10.
  expect(stats.durationSeries.average()).toBe(4);
  expect(stats.sizeSeries.average()).toBeCloseTo(0.8, 12);
});

function impatient(S: SimJsApi) {
  const sim = new S.Sim();
  const desk = new S.Facility("desk");
  class Customer extends S.Entity {
    start(patience: number) {
      this.useFacility(desk, 10).waitUntil(patience);
    }
  }
  for (let i = 0; i < 5; i++) sim.addEntity(Customer, `c${i}`, 1 + i);
  sim.simulate(100);
  desk.finalize(100);
  return desk;
}

test("reneging: simjs keeps reneged customers in the facility forever, ours lets them leave", () => {
  expect(impatient(reference).systemStats().current()).toBe(4);
  const desk = impatient(ours);
  expect(desk.systemStats().current()).toBe(0);
  expect(desk.queueStats().current()).toBe(0);
  // c0 is served 0..10; c1..c4 wait 2, 3, 4, 5 s and leave.
  expect(desk.queueStats().durationSeries.sum()).toBe(0 + 2 + 3 + 4 + 5);
  expect(desk.systemStats().durationSeries.sum()).toBe(10 + 2 + 3 + 4 + 5);
});

function falsyArgument(S: SimJsApi) {
  const sim = new S.Sim();
  const got: unknown[] = [];
  class E extends S.Entity {
    start() {
      this.setTimer(1).done((x: unknown) => got.push(x), undefined, 0);
      this.setTimer(1).done((x: unknown) => got.push(x), undefined, "");
    }
  }
  sim.addEntity(E, "e");
  sim.simulate(2);
  return got;
}

test("done(cb, ctx, 0) passes 0: simjs drops falsy arguments", () => {
  expect(falsyArgument(reference)).toEqual([undefined, undefined]);
  expect(falsyArgument(ours)).toEqual([0, ""]);
});

test("exponential() never returns Infinity on a uniform draw of 0", () => {
  class ZeroFirst extends ours.Random {
    private first = true;
    override random(): number {
      if (this.first) {
        this.first = false;
        return 0;
      }
      return super.random();
    }
  }
  const r = new ZeroFirst(1);
  const x = r.exponential(1);
  expect(Number.isFinite(x)).toBe(true);
  expect(x).toBeGreaterThan(0);
});
