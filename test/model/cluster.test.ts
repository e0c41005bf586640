import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { mmc } from "../../sim/engine/analytic/erlang-c.js";
import { runScenario } from "../../sim/run/pipeline.js";
import { expandJobs } from "../../sim/run/expand.js";
import { runJob } from "../../sim/run/run-job.js";
import { summaryJson } from "../../reports/summary-report.js";
import { scenario, smallWorkload } from "../support/scenario.js";

describe("conservation, in every run", () => {
  test("requests and money are conserved under random scenarios and policies", async () => {
    const policyArb = fc.oneof(
      fc.record({
        policy: fc.constant("static"),
        config: fc.record({
          fleet: fc.record({ "t3.medium": fc.integer({ min: 1, max: 4 }) }),
          concurrency: fc.integer({ min: 1, max: 3 }),
          prewarmed: fc.boolean(),
        }),
      }),
      fc.record({
        policy: fc.constant("reactive"),
        config: fc.record({
          mode: fc.constant("hpa"),
          type: fc.constantFrom("t3.medium", "c5.large"),
          minInstances: fc.integer({ min: 0, max: 2 }),
          maxInstances: fc.integer({ min: 3, max: 6 }),
          syncPeriod: fc.constantFrom("5s", "15s"),
        }),
      }),
      fc.record({
        policy: fc.constant("reactive"),
        config: fc.record({
          mode: fc.constant("faas"),
          type: fc.constant("lambda-1769"),
          keepAlive: fc.constantFrom("1s", "30s", "5m"),
          concurrency: fc.integer({ min: 1, max: 2 }),
        }),
      }),
    );
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 0, max: 1000 }),
        fc.double({ min: 0.5, max: 40, noNaN: true }),
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
    const { report } = await runScenario(scenario(doc));
    expect(report.policies[0]!.requests).toBe(report.policies[1]!.requests);
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
          rate: lambda,
          functions: 1,
          zipf: 0,
          cpu: { constant: mean },
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
    const perRequest = { ...s, workload: { kind: "synth" as const, synth, codeDir: null } };
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
      duration: 2_000_000,
      sla: { latency: "1s" },
      workload: {
        synth: {
          rate: lambda,
          functions: 1,
          cpu: { constant: service },
          cpuVariation: 0,
          parallelFraction: 0,
        },
      },
      policies: [{ policy: "reactive", config: { mode: "faas", type: "lambda-1769", keepAlive } }],
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
    const s = scenario({
      name: "hpa",
      duration: "1h",
      sla: { latency: "1s" },
      workload: { synth: { ...smallWorkload.synth, rate: "40/s" } },
      policies: [
        {
          policy: "reactive",
          config: { mode: "hpa", type: "t3.medium", minInstances: 1, initialInstances: 1 },
        },
      ],
    });
    const { summary, timeseries } = await runJob(s, expandJobs(s)[0]!);
    expect(summary.maxInstances).toBeGreaterThan(4);
    const alive = timeseries.map((r) => r.booting + r.idle + r.busy + r.draining);
    expect(Math.max(...alive)).toBeGreaterThan(alive[0]!);
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
