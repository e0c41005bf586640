import type { PredictionSummary } from "./prediction-metrics.js";

/** The figures one run of one policy yields: what every report shows. */
export interface RunSummary {
  policy: string;
  requests: number;
  completed: number;
  failed: number;
  failedOutOfMemory: number;
  /** Attempts that ran out of memory and were tried again (each request counts once above). */
  retriedOutOfMemory: number;
  failedTimeout: number;
  rejected: number;
  inFlightAtEnd: number;
  coldStarts: number;
  /** Cold starts per completed request. */
  coldStartRatio: number;
  /** Pre-trigger notices delivered to the policy, and those delivered after they were due. */
  notices: number;
  noticesLate: number;
  latencyS: { mean: number; p50: number; p95: number; p99: number; max: number };
  queueWaitS: { mean: number; p99: number };
  costUsd: number;
  costUsdByType: Record<string, number>;
  /** Share of the instance cost paid for idle capacity. */
  idleCostUsd: number;
  meanInstances: number;
  maxInstances: number;
  /** Busy share of ready request slots. */
  utilization: number;
  /** Requests that ended completed within the SLA latency, per request that ended. */
  slaAttainment: number;
  horizonS: number;
  /** Per service class, by name: only when the workload names classes. */
  byClass?: Record<string, ClassSummary>;
  /** Allocations and the actions on them: only when the run used any. */
  allocations?: AllocationSummary;
  /** Requests the policy split into tasks, and their tasks: only when it split any. */
  splits?: { requests: number; tasks: number; tasksPerRequest: number };
  /** Prediction error and envelope coverage: only when the policy predicted (the `predict` action). */
  predictions?: PredictionSummary;
}

/** Counters of allocations (containers in instances) and of the actions on them. */
export interface AllocationSummary {
  /** Requests started in an allocation of their own. */
  allocations: number;
  /** Containers per VM: the mean count on its instance when one starts, itself included. */
  containersPerVm: number;
  resizes: number;
  upgrades: number;
  /** Upgrades that restarted the request (its work lost) rather than migrated it. */
  upgradeRestarts: number;
  /** Execution seconds the upgrades lost (restarts) or paused (migrations). */
  upgradeLostS: number;
  /** What the larger allocations cost over the smaller ones they replaced. */
  upgradeCostUsd: number;
  /** Instances bound to announced requests: used by them, or wasted on a wrong notice. */
  bindsHit: number;
  bindsWasted: number;
  /** The price of the wasted binds' instances over the time they were bound (VM time; nothing for per-allocation capacity, which bills no idle time). */
  bindsWastedCostUsd: number;
  /** Actions the model could not honour, in all and by kind. */
  rejectedActions: number;
  rejectedByKind: Record<string, number>;
  /** Requests whose memory limit was raised (upgraded, or grown in place) that completed above their first limit: only when some limit was raised. */
  savedFromOutOfMemory?: number;
  /**
   * Requests that asked for a profile (seed 000's API), those placed in it,
   * and what those granted allocations cost: only when some asked.
   */
  profileRequests?: number;
  profileGrants?: number;
  grantCostUsd?: number;
}

/** One service class's figures; attainment against the class's own latency objective. */
export interface ClassSummary {
  requests: number;
  completed: number;
  failed: number;
  rejected: number;
  latencyMeanS: number;
  slaAttainment: number;
}

/** 95% confidence half-widths of the headline figures, over replications (null for one). */
export interface Confidence95 {
  readonly costUsd: number;
  readonly latencyP50S: number;
  readonly latencyP99S: number;
  readonly slaAttainment: number;
  readonly meanInstances: number;
}

/** One policy's figures averaged over its replications: what stage `aggregate` yields. */
export interface PolicySummary extends RunSummary {
  readonly replications: number;
  readonly ci95: Confidence95 | null;
}

/** One row of the time series: per policy, interval and instance type. */
export interface TimeseriesRow {
  policy: string;
  timeS: number;
  type: string;
  booting: number;
  idle: number;
  busy: number;
  draining: number;
  queueLength: number;
  costUsdPerHour: number;
}

/** What happened to one request, for requests.csv. */
export interface RequestRecord {
  policy: string;
  id: number;
  functionId: number;
  arrivalS: number;
  startS: number;
  endS: number;
  outcome: "completed" | "failed-oom" | "failed-timeout" | "rejected";
  instanceType: string;
  instanceId: number;
  cold: boolean;
}
