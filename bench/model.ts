/**
 * Model throughput and memory: simulated requests per second of wall time
 * (reactive policy, Poisson arrivals over 1,000 functions), and the peak
 * memory of a long run with per-request output off.
 */
import { parseScenarioText } from "../sim/scenario/load.js";
import { validateScenario } from "../sim/scenario/validate.js";
import { runJob } from "../sim/run/run-job.js";
import { stringify } from "yaml";
import type { NormalizedScenario } from "../sim/scenario/validate.js";
import type { Policy } from "../sim/policies/types.js";

/** "faas-observed": FaaS with usage samples every 10 s and completion feedback taken. */
export type Mode = "faas" | "hpa" | "faas-observed";

/** The HPA entry the model benchmarks measure, and compare other policies with. */
export const HPA_BENCH_POLICY = {
  policy: "reactive",
  config: {
    mode: "hpa",
    type: "m5.xlarge",
    concurrency: 4,
    minInstances: 10,
    maxInstances: 200,
  },
};

function scenarioFor(mode: Mode, requests: number) {
  const policy =
    mode !== "hpa"
      ? { policy: "reactive", config: { mode: "faas", type: "lambda-1769", keepAlive: "10m" } }
      : HPA_BENCH_POLICY;
  return benchScenario(`bench-${mode}`, requests, policy);
}

/**
 * The model benchmarks' workload: Poisson arrivals at 1,000/s over 1,000
 * functions for about `requests` requests, run by one policy entry.
 */
export function benchScenario(name: string, requests: number, policy: object): NormalizedScenario {
  const rate = 1000;
  return validateScenario(
    parseScenarioText(
      `${name}.yaml`,
      stringify({
        name,
        seed: 1,
        duration: `${requests / rate}s`,
        sla: { latency: "500ms" },
        workload: {
          synth: {
            rate: `${rate}/s`,
            functions: 1000,
            cpu: { lognormal: { median: "50ms", p95: "300ms" } },
          },
        },
        policies: [policy],
      }),
    ),
  );
}

/** A policy also watching execution: usage samples every 10 s, and every completion's feedback. */
export function watching(policy: Policy): Policy {
  return {
    ...policy,
    usageS: () => 10,
    onUsage: (state) => ({ state, actions: [] }),
    onCompletion: (state) => ({ state, actions: [] }),
  };
}

/** The scenario's policy, watching execution (see `watching`). */
function observed(s: NormalizedScenario): NormalizedScenario {
  const run = s.policies[0]!;
  return { ...s, policies: [{ ...run, policy: watching(run.policy) }] };
}

/** Runs one job of about `requests` requests; returns requests per wall second and per CPU-second. */
export async function modelThroughput(
  mode: Mode,
  requests: number,
): Promise<{ requests: number; perSecond: number; perCpuSecond: number }> {
  const s =
    mode === "faas-observed" ? observed(scenarioFor(mode, requests)) : scenarioFor(mode, requests);
  const c0 = process.cpuUsage();
  const t0 = process.hrtime.bigint();
  const { summary } = await runJob(s, { index: 0, policyIndex: 0, replication: 0 });
  const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
  const cpu = process.cpuUsage(c0);
  // CPU time (user and system) is the steadier figure while other jobs share the cores.
  const perCpuSecond = summary.requests / ((cpu.user + cpu.system) / 1e6);
  return { requests: summary.requests, perSecond: summary.requests / seconds, perCpuSecond };
}
