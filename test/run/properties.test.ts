/**
 * Properties of whole runs over random small scenarios: a run is a function
 * of its scenario and seed (whatever the order its jobs run in, and however
 * many replications follow), and a bigger static fleet is never slower.
 */
import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { runScenario } from "../../sim/run/pipeline.js";
import { aggregate } from "../../sim/run/aggregate.js";
import { expandJobs } from "../../sim/run/expand.js";
import { runJob, type JobResult } from "../../sim/run/run-job.js";
import { summaryCsv, summaryJson, timeseriesCsv } from "../../reports/summary-report.js";
import { policyArb, rateArb, synthArb, synthFields } from "../support/arbitraries.js";
import { scenario } from "../support/scenario.js";

describe("determinism", () => {
  test("random scenarios give the same bytes twice, in any job order, with any number of replications", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 0, max: 2 ** 31 - 1 }),
        synthArb,
        fc.array(policyArb, { minLength: 1, maxLength: 2 }),
        fc.integer({ min: 1, max: 3 }),
        fc.constantFrom("1m", "3m"),
        async (seed, synth, policies, replications, duration) => {
          const doc = {
            name: "det",
            seed,
            duration,
            sla: { latency: "500ms" },
            workload: { synth },
            replications,
            policies: policies.map((p, i) => ({ name: `p${i}`, ...p })),
          };
          const s = scenario(doc);
          const a = await runScenario(s);
          const b = await runScenario(scenario(doc));
          expect(summaryJson(b.report)).toBe(summaryJson(a.report));
          expect(summaryCsv(b.report)).toBe(summaryCsv(a.report));
          expect(timeseriesCsv(b.timeseries)).toBe(timeseriesCsv(a.timeseries));

          // Jobs run last to first, as a worker pool or a shard may run them.
          const labels = s.policies.map((p) => p.label);
          const backwards: JobResult[] = [];
          for (const job of expandJobs(s).reverse()) backwards.push(await runJob(s, job));
          backwards.sort((x, y) => x.job.index - y.job.index);
          expect(JSON.stringify(aggregate(backwards, labels))).toBe(
            JSON.stringify(a.report.policies),
          );

          // Replication 0 is the same run, however many replications follow it.
          const single = await runScenario(scenario({ ...doc, replications: 1 }));
          const first = labels.map((policy, p) => ({
            ...backwards.find((r) => r.job.replication === 0 && r.job.policyIndex === p)!.summary,
            policy,
            replications: 1,
            ci95: null,
          }));
          expect(JSON.stringify(single.report.policies)).toBe(JSON.stringify(first));
        },
      ),
      { numRuns: 12, seed: 23 },
    );
  });
});

describe("monotonicity", () => {
  /**
   * Every policy of a scenario sees the same requests (common random
   * numbers), and a static fleet of one type is c identical servers behind
   * one FIFO queue whose service times depend on the request alone. Adding
   * servers to such a queue starts and ends every request no later, on the
   * same sample path; so there is no statistical noise to allow for, only:
   * - requests the bigger fleet completes that the smaller one still had
   *   running at the horizon (d of them): they join the bigger fleet's
   *   latencies, which moves its p99 rank by d at most;
   * - the histogram behind p99 reports the upper edge of a 1% bucket.
   * The queue is unbounded and without timeout, so no request is dropped
   * by one fleet and served by the other.
   */
  test("more instances in a static fleet never raise p99 beyond noise", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 0, max: 2 ** 31 - 1 }),
        fc.constantFrom("t3.medium", "c5.large", "m5.xlarge"),
        fc.record({
          concurrency: fc.integer({ min: 1, max: 2 }),
          prewarmed: fc.boolean(),
          routing: fc.constantFrom("least-loaded", "round-robin"),
        }),
        fc.integer({ min: 1, max: 4 }),
        fc.integer({ min: 1, max: 3 }),
        fc.record({ ...synthFields, rate: rateArb(1, 40) }),
        async (seed, type, config, n, extra, synth) => {
          const run = async (count: number) => {
            const s = scenario({
              name: "mono",
              seed,
              duration: "2m",
              sla: { latency: "1s" },
              workload: { synth },
              queue: { capacity: 1_000_000 },
              policies: [{ policy: "static", config: { ...config, fleet: { [type]: count } } }],
            });
            const latency = new Map<number, number>();
            const { summary } = await runJob(s, expandJobs(s)[0]!, {
              onRequestEnd: (r) => {
                if (r.outcome === "completed") latency.set(r.id, r.endS - r.arrivalS);
              },
            });
            expect(latency.size).toBe(summary.completed);
            return { summary, latency };
          };
          const small = await run(n);
          const large = await run(n + extra);
          expect(large.summary.requests).toBe(small.summary.requests);

          // Request by request: done in the small fleet means done no later in the large.
          const later: string[] = [];
          for (const [id, l] of small.latency) {
            const m = large.latency.get(id);
            if (m === undefined || m > l + 1e-9) later.push(`#${id}: ${m} s, was ${l} s`);
          }
          expect(later.slice(0, 3)).toEqual([]);

          const p99 = large.summary.latencyS.p99;
          const d = large.latency.size - small.latency.size;
          if (d === 0) expect(p99).toBeLessThanOrEqual(small.summary.latencyS.p99);
          const sorted = [...small.latency.values()].sort((x, y) => x - y);
          const rank = Math.max(1, Math.ceil(0.99 * (small.latency.size + d)));
          if (rank <= sorted.length)
            expect(p99).toBeLessThanOrEqual(sorted[rank - 1]! * 1.01 * (1 + 1e-12));
        },
      ),
      { numRuns: 40, seed: 29 },
    );
  });
});
