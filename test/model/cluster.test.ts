import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { mmc } from "../../sim/engine/analytic/erlang-c.js";
import { runScenario } from "../../sim/run/pipeline.js";
import { expandJobs } from "../../sim/run/expand.js";
import { runJob } from "../../sim/run/run-job.js";
import { summaryJson } from "../../reports/summary-report.js";
import type { RequestRecord } from "../../sim/model/summary.js";
import { policyArb, rateArb } from "../support/arbitraries.js";
import { scenario, smallWorkload } from "../support/scenario.js";

describe("conservation, in every run", () => {
  test("requests and money are conserved under random scenarios and policies", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 0, max: 1000 }),
        rateArb(0.5, 40),
        fc.integer({ min: 1, max: 200 }),
        fc.constantFrom(undefined, "2s", "20s"),
        fc.constantFrom("128MiB", "3GiB"),
        policyArb,
        async (seed, rate, capacity, timeout, memory, policy) => {
          const s = scenario({
            name: "prop",
            seed,
            duration: "5m",
            sla: { latency: "1s" },
            workload: {
              synth: {
                rate,
                functions: 5,
                cpu: { exponential: { mean: "150ms" } },
                memory: { constant: memory },
              },
            },
            queue: { capacity, ...(timeout ? { timeout } : {}) },
            policies: [policy],
          });
          // runJob's cluster.finish() throws InvariantError on any imbalance.
          const { summary: r } = await runJob(s, expandJobs(s)[0]!);
          expect(r.completed + r.failed + r.rejected + r.inFlightAtEnd).toBe(r.requests);
          expect(r.costUsd).toBeGreaterThanOrEqual(0);
          expect(r.idleCostUsd).toBeLessThanOrEqual(r.costUsd + 1e-12);
          expect(r.utilization).toBeLessThanOrEqual(1 + 1e-9);
          expect(r.slaAttainment).toBeGreaterThanOrEqual(0);
          expect(r.slaAttainment).toBeLessThanOrEqual(1);
        },
      ),
      { numRuns: 60, seed: 17 },
    );
  });
});

describe("determinism", () => {
  const doc = {
    name: "det",
    seed: 3,
    duration: "10m",
    sla: { latency: "500ms" },
    workload: smallWorkload,
    policies: [
      { policy: "static", config: { fleet: { "t3.medium": 2 } } },
      { policy: "reactive", config: { mode: "hpa", type: "t3.medium" } },
    ],
  };

  test("the same seed gives byte-identical summary JSON; another seed does not", async () => {
    const a = summaryJson((await runScenario(scenario(doc))).report);
    const b = summaryJson((await runScenario(scenario(doc))).report);
    const c = summaryJson((await runScenario(scenario({ ...doc, seed: 4 }))).report);
    expect(a).toBe(b);
    expect(a).not.toBe(c);
  });

  test("common random numbers: every policy sees the same requests", async () => {
    // Two identical fleets under different names, and an autoscaler, all on
    // one type with one request per instance: a request's service time is a
    // function of its demand alone, so equal service times mean equal demands.
    const crn = {
      ...doc,
      policies: [
        ...doc.policies,
        { name: "static-twin", policy: "static", config: { fleet: { "t3.medium": 2 } } },
      ],
    };
    const ended = new Map<string, Map<number, RequestRecord>>();
    const { report } = await runScenario(scenario(crn), {
      sinks: {
        onRequestEnd: (r) => {
          const byId = ended.get(r.policy) ?? new Map<number, RequestRecord>();
          ended.set(r.policy, byId.set(r.id, r));
        },
      },
    });
    const [first, hpa, twin] = report.policies;
    expect(hpa!.requests).toBe(first!.requests);
    expect(twin!.requests).toBe(first!.requests);
    // The twin is the same policy: everything but its name is the same.
    expect({ ...twin!, policy: first!.policy }).toEqual(first);
    const seen = (label: string) => ended.get(label)!;
    const base = seen(first!.policy);
    expect(base.size).toBeGreaterThan(5000);
    for (const label of [hpa!.policy, twin!.policy]) {
      const other = seen(label);
      const differ: string[] = [];
      let compared = 0;
      let served = 0;
      for (const [id, a] of base) {
        const b = other.get(id);
        if (!b) continue;
        compared++;
        if (b.functionId !== a.functionId || b.arrivalS !== a.arrivalS)
          differ.push(`${label} #${id}: function ${b.functionId} at ${b.arrivalS}`);
        const done = a.outcome === "completed" && b.outcome === "completed";
        if (done) served++;
        if (done && Math.abs(b.endS - b.startS - (a.endS - a.startS)) > 1e-9)
          differ.push(`${label} #${id}: served ${b.endS - b.startS} s`);
      }
      expect(differ.slice(0, 3)).toEqual([]);
      expect(compared).toBeGreaterThan(0.99 * base.size);
      expect(served).toBeGreaterThan(0.9 * base.size);
    }
  });
});

describe("the model against theory", () => {
  test("a static fleet of c one-slot instances is an M/M/c queue (Erlang C)", async () => {
    // Exponential CPU-seconds, no parallel part, one slot per 2-vCPU instance:
    // service time = CPU-seconds, so the fleet is M/M/c with mu = 1 / mean.
    const c = 4;
    const mean = 0.2;
    const lambda = 0.8 * (c / mean);
    const s = scenario({
      name: "mmc",
      seed: 1,
      duration: "6h",
      sla: { latency: "1s" },
      workload: {
        synth: {
          rate: `${lambda}/s`,
          functions: 1,
          zipf: 0,
          cpu: { constant: `${mean}s` },
          cpuVariation: 0,
          parallelFraction: 0,
        },
      },
      policies: [
        { policy: "static", config: { fleet: { "m5.large": c }, routing: "round-robin" } },
      ],
    });
    // A constant CPU time per function with no variation would be M/D/c;
    // make it exponential per request instead.
    if (s.workload.kind !== "synth") throw new Error("synthetic workload expected");
    const synth = {
      ...s.workload.synth,
      cpuSeconds: { kind: "exponential" as const, mean },
      functions: 200_000,
    };
    const perRequest = {
      ...s,
      workload: { kind: "synth" as const, synth, codeDir: null, programs: null },
    };
    const { summary } = await runJob(perRequest, { index: 0, policyIndex: 0, replication: 0 });
    const theory = mmc(lambda, 1 / mean, c);
    expect(summary.queueWaitS.mean / theory.meanWait).toBeGreaterThan(0.9);
    expect(summary.queueWaitS.mean / theory.meanWait).toBeLessThan(1.1);
    expect(summary.utilization).toBeCloseTo(0.8, 1);
    expect(summary.latencyS.mean).toBeCloseTo(theory.meanSojourn, 1);
  });

  test("FaaS keep-alive: P(cold) is about exp(-lambda (T + service))", async () => {
    const lambda = 1 / 60;
    const keepAlive = 60;
    const service = 0.1;
    const s = scenario({
      name: "keepalive",
      seed: 2,
      duration: "2000000s",
      sla: { latency: "1s" },
      workload: {
        synth: {
          rate: `${lambda}/s`,
          functions: 1,
          cpu: { constant: `${service}s` },
          cpuVariation: 0,
          parallelFraction: 0,
        },
      },
      policies: [
        {
          policy: "reactive",
          config: { mode: "faas", type: "lambda-1769", keepAlive: `${keepAlive}s` },
        },
      ],
    });
    const { summary } = await runJob(s, { index: 0, policyIndex: 0, replication: 0 });
    const expected = Math.exp(-lambda * (keepAlive + service));
    const se = Math.sqrt((expected * (1 - expected)) / summary.completed);
    expect(summary.completed).toBeGreaterThan(30_000);
    expect(Math.abs(summary.coldStartRatio - expected)).toBeLessThan(4 * se);
  });
});

describe("failures and limits", () => {
  test("requests needing more memory than a slot has fail out of memory", async () => {
    const s = scenario({
      name: "oom",
      duration: "5m",
      sla: { latency: "1s" },
      workload: { synth: { ...smallWorkload.synth, memory: { constant: "6GiB" } } },
      policies: [{ policy: "static", config: { fleet: { "t3.medium": 2 } } }],
    });
    const { summary } = await runJob(s, expandJobs(s)[0]!);
    expect(summary.failedOutOfMemory).toBeGreaterThan(0);
    expect(summary.completed).toBe(0);
  });

  test("an overloaded fleet rejects at queue capacity and times out waiting requests", async () => {
    const s = scenario({
      name: "overload",
      duration: "5m",
      sla: { latency: "1s" },
      workload: { synth: { ...smallWorkload.synth, rate: "100/s" } },
      queue: { capacity: 50, timeout: "3s" },
      policies: [{ policy: "static", config: { fleet: { "t3.medium": 1 } } }],
    });
    const { summary } = await runJob(s, expandJobs(s)[0]!);
    expect(summary.rejected).toBeGreaterThan(1000);
    expect(summary.failedTimeout).toBeGreaterThan(0);
    expect(summary.queueWaitS.p99).toBeLessThanOrEqual(3.05);
  });

  test("the HPA adds instances under load and removes them after", async () => {
    // Load peaks at 40/s at 15 min and falls to nothing at 45 min: the fleet
    // must grow for the peak and shrink back to its minimum in the trough.
    const s = scenario({
      name: "hpa",
      duration: "1h",
      sla: { latency: "1s" },
      workload: {
        synth: {
          ...smallWorkload.synth,
          rate: "20/s",
          pattern: { diurnal: { amplitude: 1, period: "1h", peak: "15m" } },
        },
      },
      policies: [
        {
          policy: "reactive",
          config: { mode: "hpa", type: "t3.medium", minInstances: 1, initialInstances: 1 },
        },
      ],
    });
    const { summary, timeseries } = await runJob(s, expandJobs(s)[0]!);
    const alive = (from: number, to: number) =>
      timeseries
        .filter((r) => r.timeS >= from && r.timeS <= to)
        .map((r) => r.booting + r.idle + r.busy + r.draining);
    expect(alive(0, 0)).toEqual([1]);
    expect(summary.maxInstances).toBeGreaterThan(4);
    expect(Math.max(...alive(0, 1800))).toBeGreaterThan(4);
    // 40 to 50 min: at most 2.7/s of 0.1 s requests, well under one instance
    // of work; the 5 min stabilization window has passed since 10/s at 35 min.
    const quiet = alive(2400, 3000);
    expect(quiet.length).toBeGreaterThan(5);
    expect(Math.max(...quiet)).toBeLessThanOrEqual(2);
    expect(Math.min(...quiet)).toBe(1);
  });
});

describe("replications", () => {
  test("several replications give means with 95% confidence intervals that shrink as they grow", async () => {
    const doc = (replications: number) => ({
      name: "reps",
      seed: 5,
      duration: "10m",
      sla: { latency: "300ms" },
      workload: smallWorkload,
      replications,
      policies: [{ policy: "reactive", config: { mode: "hpa", type: "t3.medium" } }],
    });
    const one = (await runScenario(scenario(doc(1)))).report.policies[0]!;
    expect(one.ci95).toBeNull();
    const few = (await runScenario(scenario(doc(4)))).report.policies[0]!;
    const many = (await runScenario(scenario(doc(16)))).report.policies[0]!;
    expect(few.replications).toBe(4);
    expect(few.ci95!.costUsd).toBeGreaterThan(0);
    expect(many.ci95!.latencyP99S).toBeLessThan(few.ci95!.latencyP99S);
    // The first replication is the single run; the mean moves away from it.
    expect(few.requests).not.toBe(one.requests);
  });
});
