/** Hand-made run reports for the report tests: every figure set, any overridden. */
import type { PolicySummary } from "../../sim/run/aggregate.js";
import type { RunReport } from "../../reports/summary-report.js";

type Overrides = Partial<Omit<PolicySummary, "ci95">> & {
  ci95?: Partial<PolicySummary["ci95"]> | null;
};

export function policy(name: string, o: Overrides = {}): PolicySummary {
  const { ci95, ...rest } = o;
  return {
    policy: name,
    replications: ci95 ? 5 : 1,
    requests: 1000,
    completed: 1000,
    failed: 0,
    failedOutOfMemory: 0,
    retriedOutOfMemory: 0,
    failedTimeout: 0,
    rejected: 0,
    inFlightAtEnd: 0,
    coldStarts: 0,
    coldStartRatio: 0,
    notices: 0,
    noticesLate: 0,
    latencyS: { mean: 0.2, p50: 0.1, p95: 0.4, p99: 0.6, max: 1 },
    queueWaitS: { mean: 0, p99: 0 },
    costUsd: 1,
    costUsdByType: { "m5.large": 1 },
    idleCostUsd: 0.5,
    meanInstances: 4,
    maxInstances: 5,
    utilization: 0.5,
    slaAttainment: 0.999,
    horizonS: 3600,
    ...rest,
    ci95: ci95
      ? {
          costUsd: 0,
          latencyP50S: 0,
          latencyP99S: 0,
          slaAttainment: 0,
          meanInstances: 0,
          ...ci95,
        }
      : null,
  };
}

export function report(policies: PolicySummary[], o: Partial<RunReport> = {}): RunReport {
  return {
    scenario: "test",
    description: "",
    seed: 1,
    horizonS: 3600,
    slaLatencyS: 0.5,
    replications: policies[0]?.replications ?? 1,
    policies,
    ...o,
  };
}
