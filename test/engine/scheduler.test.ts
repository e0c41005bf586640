import fc from "fast-check";
import { describe, expect, test } from "vitest";
import {
  PRIORITY_LATE,
  PRIORITY_URGENT,
  Scheduler,
  SchedulerError,
} from "../../sim/engine/scheduler.js";

function recorder(s: Scheduler) {
  const seen: [number, string][] = [];
  const record = (tag: string) => seen.push([s.now, tag]);
  return { seen, record };
}

describe("Scheduler ordering", () => {
  test("events run by time, then priority, then insertion order", () => {
    const s = new Scheduler();
    const { seen, record } = recorder(s);
    s.at(2, record, "t2-first");
    s.at(1, record, "t1-normal-a");
    s.at(1, record, "t1-late", PRIORITY_LATE);
    s.at(1, record, "t1-urgent", PRIORITY_URGENT);
    s.at(1, record, "t1-normal-b");
    s.at(2, record, "t2-second");
    s.run();
    expect(seen).toEqual([
      [1, "t1-urgent"],
      [1, "t1-normal-a"],
      [1, "t1-normal-b"],
      [1, "t1-late"],
      [2, "t2-first"],
      [2, "t2-second"],
    ]);
  });

  test("an event scheduled for now from a callback runs after those already due", () => {
    const s = new Scheduler();
    const { seen, record } = recorder(s);
    s.at(
      1,
      () => {
        record("a");
        s.after(0, record, "a-child");
      },
      undefined,
    );
    s.at(1, record, "b");
    s.run();
    expect(seen.map(([, tag]) => tag)).toEqual(["a", "b", "a-child"]);
  });

  test("matches a sorted reference under random schedules and cancels", () => {
    type Op =
      | { kind: "add"; delay: number; prio: number }
      | { kind: "cancel"; pick: number }
      | { kind: "step" };
    const op = fc.oneof(
      fc.record({
        kind: fc.constant("add" as const),
        delay: fc.integer({ min: 0, max: 20 }).map((d) => d / 4),
        prio: fc.integer({ min: -2, max: 2 }),
      }),
      fc.record({ kind: fc.constant("cancel" as const), pick: fc.nat() }),
      fc.record({ kind: fc.constant("step" as const) }),
    );
    fc.assert(
      fc.property(fc.array(op, { maxLength: 300 }), (ops: Op[]) => {
        const s = new Scheduler(16);
        const delivered: number[] = [];
        const expected: number[] = [];
        // Reference: a plain list sorted by (time, priority, seq).
        let ref: { t: number; p: number; seq: number; id: number }[] = [];
        const handles: { h: number; id: number }[] = [];
        let seq = 0;
        let now = 0;
        for (const o of ops) {
          if (o.kind === "add") {
            const id = seq;
            handles.push({ h: s.after(o.delay, (x: number) => delivered.push(x), id, o.prio), id });
            ref.push({ t: now + o.delay, p: o.prio, seq: seq++, id });
          } else if (o.kind === "cancel" && handles.length > 0) {
            const { h, id } = handles[o.pick % handles.length]!;
            const live = ref.some((e) => e.id === id);
            expect(s.cancel(h)).toBe(live);
            ref = ref.filter((e) => e.id !== id);
          } else if (o.kind === "step") {
            ref.sort((a, b) => a.t - b.t || a.p - b.p || a.seq - b.seq);
            const next = ref.shift();
            expect(s.step()).toBe(next !== undefined);
            if (next) {
              expected.push(next.id);
              now = next.t;
              expect(s.now).toBe(now);
            }
          }
          expect(s.pending).toBe(ref.length);
        }
        ref.sort((a, b) => a.t - b.t || a.p - b.p || a.seq - b.seq);
        expected.push(...ref.map((e) => e.id));
        s.run();
        expect(delivered).toEqual(expected);
      }),
      { numRuns: 300, seed: 3 },
    );
  });
});

describe("Scheduler reserved order", () => {
  test("an event scheduled later with a reserved sequence runs where it would have then", () => {
    const s = new Scheduler();
    const { seen, record } = recorder(s);
    s.at(5, record, "before");
    const seq = s.reserve();
    s.at(5, record, "after");
    // Scheduled at time 1, from a callback, in the place reserved at time 0.
    s.at(1, () => s.atReserved(5, record, "reserved", PRIORITY_URGENT, seq), undefined);
    s.at(5, record, "urgent-later", PRIORITY_URGENT);
    s.run();
    expect(seen).toEqual([
      [5, "reserved"],
      [5, "urgent-later"],
      [5, "before"],
      [5, "after"],
    ]);
  });

  test("a sequence never reserved, or a time in the past, is refused", () => {
    const s = new Scheduler();
    expect(() => s.atReserved(1, () => {}, undefined, 0, 0)).toThrow(SchedulerError);
    const seq = s.reserve();
    s.run(2);
    expect(() => s.atReserved(1, () => {}, undefined, 0, seq)).toThrow(SchedulerError);
    expect(s.isPending(s.atReserved(3, () => {}, undefined, 0, seq))).toBe(true);
  });
});

describe("Scheduler clock and run", () => {
  test("run(until) stops at until, sets the clock there, and resumes", () => {
    const s = new Scheduler();
    const { seen, record } = recorder(s);
    for (const t of [1, 5, 10, 15]) s.at(t, record, `t${t}`);
    expect(s.run(10)).toEqual({ events: 3, reason: "until" });
    expect(s.now).toBe(10);
    expect(s.pending).toBe(1);
    expect(s.run(20)).toEqual({ events: 1, reason: "drained" });
    expect(s.now).toBe(20);
    expect(seen.map(([t]) => t)).toEqual([1, 5, 10, 15]);
  });

  test("run with no bound leaves the clock at the last event", () => {
    const s = new Scheduler();
    s.at(7.5, () => {}, undefined);
    expect(s.run()).toEqual({ events: 1, reason: "drained" });
    expect(s.now).toBe(7.5);
  });

  test("maxEvents and stop() end a run early without losing events", () => {
    const s = new Scheduler();
    const { seen, record } = recorder(s);
    for (let i = 0; i < 5; i++) s.at(i, record, `e${i}`);
    expect(s.run(Infinity, 2)).toEqual({ events: 2, reason: "maxEvents" });
    s.at(2, () => s.stop(), undefined, PRIORITY_URGENT);
    expect(s.run()).toEqual({ events: 1, reason: "stopped" });
    expect(s.now).toBe(2);
    s.run();
    expect(seen.map(([, tag]) => tag)).toEqual(["e0", "e1", "e2", "e3", "e4"]);
  });

  test("bad delays and times are rejected with a clear error", () => {
    const s = new Scheduler();
    const fn = () => {};
    s.at(5, fn, undefined);
    s.run();
    expect(() => s.after(-1, fn, undefined)).toThrow(/delay must be a finite number >= 0, got -1/);
    expect(() => s.after(NaN, fn, undefined)).toThrow(SchedulerError);
    expect(() => s.after(Infinity, fn, undefined)).toThrow(SchedulerError);
    expect(() => s.at(4, fn, undefined)).toThrow(/>= now \(5\), got 4/);
    expect(() => s.at(NaN, fn, undefined)).toThrow(SchedulerError);
    expect(() => s.after(1, fn, undefined, 0.5)).toThrow(/priority must be an integer/);
    expect(() => s.run(3)).toThrow(/before now/);
    expect(s.now).toBe(5);
  });

  test("run() from inside a callback is refused", () => {
    const s = new Scheduler();
    let error: unknown;
    s.at(
      1,
      () => {
        try {
          s.run();
        } catch (e) {
          error = e;
        }
      },
      undefined,
    );
    s.run();
    expect(String(error)).toMatch(/inside an event callback/);
  });

  test("time never moves backwards across a long random run", () => {
    const s = new Scheduler(16);
    let last = 0;
    let x = 1;
    const hold = () => {
      expect(s.now).toBeGreaterThanOrEqual(last);
      last = s.now;
      x = (x * 48271) % 2147483647;
      s.after((x % 1000) / 100, hold, undefined);
    };
    for (let i = 0; i < 500; i++) s.after(i % 7, hold, undefined);
    expect(s.run(Infinity, 50_000).events).toBe(50_000);
    expect(s.pending).toBe(500);
  });
});

describe("Scheduler cancellation", () => {
  test("a handle cancels once; handles of delivered or recycled events are stale", () => {
    const s = new Scheduler(16);
    const { seen, record } = recorder(s);
    const a = s.at(1, record, "a");
    const b = s.at(2, record, "b");
    expect(s.cancel(a)).toBe(true);
    expect(s.cancel(a)).toBe(false);
    s.run();
    expect(seen.map(([, t]) => t)).toEqual(["b"]);
    expect(s.cancel(b)).toBe(false);
    // The slots of a and b are reused; their old handles must not touch the new events.
    s.after(1, record, "c");
    s.after(1, record, "d");
    expect(s.cancel(a)).toBe(false);
    expect(s.cancel(b)).toBe(false);
    s.run();
    expect(seen.map(([, t]) => t)).toEqual(["b", "c", "d"]);
  });

  test("cancelling most events compacts the heap and keeps order", () => {
    const s = new Scheduler(16);
    const out: number[] = [];
    const push = (i: number) => out.push(i);
    const handles = Array.from({ length: 10_000 }, (_, i) => s.at(10_000 - i, push, i));
    handles.forEach((h, i) => {
      if (i % 10 !== 0) expect(s.cancel(h)).toBe(true);
    });
    expect(s.pending).toBe(1000);
    expect(s.peekTime()).toBe(10);
    s.run();
    expect(out).toHaveLength(1000);
    expect(out).toEqual([...out].sort((x, y) => y - x));
  });

  test("grows past its initial capacity and holds a million events", () => {
    const s = new Scheduler(16);
    let count = 0;
    const inc = () => count++;
    for (let i = 0; i < 1_000_000; i++) s.at((i * 7919) % 1000, inc, undefined);
    expect(s.pending).toBe(1_000_000);
    s.run();
    expect(count).toBe(1_000_000);
    expect(s.now).toBe(999);
  });
});
