import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { cdfPoints } from "../../reports/html/cdf-points.js";
import { escapeHtml, jsonForScript, scriptText } from "../../reports/html/escape.js";
import { fleetSeries } from "../../reports/html/fleet-series.js";
import { binOf, binUpperS, LatencyBins } from "../../reports/html/latency-bins.js";
import { paretoFront } from "../../reports/html/pareto.js";
import {
  intervalFor,
  mergeRequestDigests,
  RequestDigest,
} from "../../reports/html/request-digest.js";
import type { RequestRecord, TimeseriesRow } from "../../sim/model/summary.js";

describe("paretoFront", () => {
  test("keeps the points no other beats on both cost and SLA, cheapest first", () => {
    const pts = [
      { costUsd: 5, slaAttainment: 0.99 }, // front
      { costUsd: 2, slaAttainment: 0.9 }, // front (cheapest)
      { costUsd: 6, slaAttainment: 0.95 }, // dominated by 0
      { costUsd: 3, slaAttainment: 0.97 }, // front
      { costUsd: 3, slaAttainment: 0.96 }, // same cost, worse: dominated
    ];
    expect(paretoFront(pts)).toEqual([1, 3, 0]);
    expect(paretoFront([{ costUsd: 1, slaAttainment: 0 }])).toEqual([0]);
    expect(paretoFront([])).toEqual([]);
  });

  test("no point on the front is dominated, and every point off it is", () => {
    const point = fc.record({
      costUsd: fc.integer({ min: 0, max: 20 }),
      slaAttainment: fc.integer({ min: 0, max: 20 }).map((x) => x / 20),
    });
    fc.assert(
      fc.property(fc.array(point, { minLength: 1, maxLength: 12 }), (pts) => {
        const front = new Set(paretoFront(pts));
        const beats = (a: (typeof pts)[0], b: (typeof pts)[0]) =>
          a.costUsd <= b.costUsd &&
          a.slaAttainment >= b.slaAttainment &&
          (a.costUsd < b.costUsd || a.slaAttainment > b.slaAttainment);
        pts.forEach((p, i) => {
          const dominated = pts.some((q) => beats(q, p));
          if (front.has(i)) expect(dominated).toBe(false);
          // An exact duplicate of a front point is left off: it adds nothing.
          else
            expect(
              dominated ||
                pts.some(
                  (q, j) =>
                    front.has(j) && q.costUsd === p.costUsd && q.slaAttainment === p.slaAttainment,
                ),
            ).toBe(true);
        });
      }),
      { numRuns: 500, seed: 3 },
    );
  });
});

describe("latency bins and CDF points", () => {
  test("a bin's upper edge is within 1% above every value in it", () => {
    for (const v of [2e-6, 1e-3, 0.0421, 0.5, 1, 7.3, 3600]) {
      const up = binUpperS(binOf(v));
      expect(up).toBeGreaterThanOrEqual(v * (1 - 1e-12));
      expect(up).toBeLessThan(v * 1.0101);
    }
  });

  test("the CDF rises to 1, stays small however many values, and matches the sorted values within a bin", () => {
    const values = Array.from(
      { length: 50_000 },
      (_, i) => 0.01 * Math.exp((6 * ((i * 7919) % 50_000)) / 50_000),
    );
    const bins = new LatencyBins();
    for (const v of values) bins.add(v);
    const points = cdfPoints(bins.toPairs());
    expect(points.length).toBeLessThanOrEqual(212);
    expect(points.length).toBeGreaterThan(150);
    expect(points.at(-1)!.share).toBe(1);
    const sorted = [...values].sort((a, b) => a - b);
    for (let k = 1; k < points.length; k++) {
      expect(points[k]!.share).toBeGreaterThan(points[k - 1]!.share);
      expect(points[k]!.latencyS).toBeGreaterThan(points[k - 1]!.latencyS);
    }
    for (const p of points) {
      // The share of values at most the point's latency is the point's share.
      const atMost = sorted.filter((v) => v <= p.latencyS * (1 + 1e-12)).length / sorted.length;
      expect(atMost).toBeCloseTo(p.share, 9);
    }
  });

  test("bins merge exactly: two halves added up give the whole", () => {
    const all = new LatencyBins();
    const a = new LatencyBins();
    const b = new LatencyBins();
    for (let i = 0; i < 1000; i++) {
      const v = 0.001 * (1 + (i % 97));
      all.add(v);
      (i % 2 ? a : b).add(v);
    }
    const merged = new LatencyBins();
    merged.addBins(a.toPairs());
    merged.addBins(b.toPairs());
    expect(merged.toPairs()).toEqual(all.toPairs());
  });
});

function record(over: Partial<RequestRecord>): RequestRecord {
  return {
    policy: "p",
    id: 0,
    functionId: 0,
    arrivalS: 0,
    startS: 0,
    endS: 0.1,
    outcome: "completed",
    instanceType: "t3.medium",
    instanceId: 1,
    cold: false,
    ...over,
  };
}

describe("RequestDigest", () => {
  test("counts completed requests only, cold starts by arrival interval", () => {
    const d = new RequestDigest(3600);
    expect(d.intervalS).toBe(30);
    d.record(record({ arrivalS: 10, endS: 10.2, cold: true }));
    d.record(record({ arrivalS: 45, endS: 45.1 }));
    d.record(record({ arrivalS: 50, endS: 52, cold: true }));
    d.record(record({ arrivalS: 60, outcome: "rejected", cold: true }));
    d.record(record({ arrivalS: 3599.9, endS: 3600 }));
    d.record(record({ policy: "q", arrivalS: 100, endS: 100.05 }));
    const data = d.data();
    const p = data.policies.find((x) => x.policy === "p")!;
    expect(p.completed).toBe(4);
    expect(p.coldStarts).toBe(2);
    expect(p.completedByInterval).toHaveLength(120);
    expect(p.completedByInterval.slice(0, 3)).toEqual([1, 2, 0]);
    expect(p.coldStartsByInterval.slice(0, 3)).toEqual([1, 1, 0]);
    expect(p.completedByInterval[119]).toBe(1);
    expect(p.latencyBins.reduce((a, [, n]) => a + n, 0)).toBe(4);
    expect(data.policies.map((x) => x.policy)).toEqual(["p", "q"]);
  });

  test("its data does not grow with the request count", () => {
    const size = (n: number) => {
      const d = new RequestDigest(7200);
      for (let i = 0; i < n; i++) {
        const arrivalS = (i / n) * 7200;
        d.record(
          record({
            id: i,
            arrivalS,
            endS: arrivalS + 0.02 + ((i * 7919) % 1000) / 400,
            cold: i % 50 === 0,
          }),
        );
      }
      return JSON.stringify(d.data()).length;
    };
    const small = size(20_000);
    const large = size(400_000);
    expect(large).toBeLessThan(small * 1.3);
    expect(large).toBeLessThan(40_000);
  });

  test("digests made apart merge into the digest of all their requests", () => {
    const whole = new RequestDigest(600);
    const parts = [new RequestDigest(600), new RequestDigest(600)];
    for (let i = 0; i < 500; i++) {
      const r = record({
        policy: i % 3 ? "a" : "b",
        id: i,
        arrivalS: i,
        endS: i + 0.001 * (i % 40),
        cold: i % 7 === 0,
      });
      whole.record(r);
      // Policy b only ever reaches the first part.
      parts[r.policy === "b" ? 0 : i % 2]!.record(r);
    }
    expect(mergeRequestDigests(parts[0]!.data(), parts[1]!.data())).toEqual(whole.data());
    expect(() => mergeRequestDigests(whole.data(), new RequestDigest(7200).data())).toThrow(
      /intervals/,
    );
  });

  test("intervals are round and about 1/120 of the horizon", () => {
    expect(intervalFor(600)).toBe(5);
    expect(intervalFor(7200)).toBe(60);
    expect(intervalFor(86400)).toBe(900);
    expect(intervalFor(30 * 86400)).toBe(21600);
    expect(intervalFor(200 * 86400)).toBe(2 * 86400);
  });
});

function row(policy: string, timeS: number, type: string, busy: number, idle = 0): TimeseriesRow {
  return {
    policy,
    timeS,
    type,
    booting: 0,
    idle,
    busy,
    draining: 0,
    queueLength: 0,
    costUsdPerHour: 0,
  };
}

describe("fleetSeries", () => {
  test("fills a type's missing samples with zero and skips the no-instance marker", () => {
    const rows = [
      row("a", 0, "", 0),
      row("a", 60, "m5.large", 2),
      row("a", 120, "m5.large", 3, 1),
      row("a", 120, "g5.xlarge", 1),
    ];
    const s = fleetSeries(rows);
    expect(s.map((p) => [p.type, p.timeS, p.busy, p.idle])).toEqual([
      ["g5.xlarge", 0, 0, 0],
      ["g5.xlarge", 60, 0, 0],
      ["g5.xlarge", 120, 1, 0],
      ["m5.large", 0, 0, 0],
      ["m5.large", 60, 2, 0],
      ["m5.large", 120, 3, 1],
    ]);
  });

  test("averages consecutive samples down to the point budget", () => {
    const rows = Array.from({ length: 1000 }, (_, i) => row("a", i, "t", i % 2 === 0 ? 4 : 2));
    const s = fleetSeries(rows, 100);
    expect(s).toHaveLength(100);
    expect(s.every((p) => p.busy === 3)).toBe(true);
    expect(s[1]!.timeS).toBe(10);
  });
});

describe("escaping", () => {
  test("HTML text, JSON in a script and library code cannot end their element", () => {
    expect(escapeHtml(`<a href="x">&'</a>`)).toBe(
      "&lt;a href=&quot;x&quot;&gt;&amp;&#39;&lt;/a&gt;",
    );
    const value = { name: "</script><script>alert(1)</script>", s: "<!-- \u2028" };
    const json = jsonForScript(value);
    expect(json).not.toMatch(/</);
    expect(JSON.parse(json)).toEqual(value);
    const code = `var s = "</script>"; var r = /<\\/script>/u;`;
    const safe = scriptText(code);
    expect(safe).not.toMatch(/<\/script/i);
    // The code means the same.
    const run = (c: string) => new Function(`${c}; return [s, r.source];`)() as unknown[];
    expect(run(safe)).toEqual(run(code));
  });
});
