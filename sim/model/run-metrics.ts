import { AllocationMetrics } from "./allocation-metrics.js";
import { ClassMetrics } from "./class-metrics.js";
import { LatencyHistogram } from "./latency-histogram.js";
import { PredictionMetrics } from "./prediction-metrics.js";
import type { ClassSummary, RunSummary } from "./summary.js";

/** Counters and distributions gathered while a run goes. */
export class RunMetrics {
  requests = 0;
  completed = 0;
  failedOutOfMemory = 0;
  retriedOutOfMemory = 0;
  failedTimeout = 0;
  rejected = 0;
  coldStarts = 0;
  withinSla = 0;
  notices = 0;
  noticesLate = 0;
  splitRequests = 0;
  tasks = 0;
  readonly latency = new LatencyHistogram();
  readonly queueWait = new LatencyHistogram();
  readonly costByType = new Map<string, number>();
  idleCostUsd = 0;
  maxInstances = 0;
  /** Integral of alive instances over time. */
  private instanceArea = 0;
  private alive = 0;
  private lastS = 0;
  busySlotSeconds = 0;
  readySlotSeconds = 0;
  /** Per service class; null while no request has one. */
  private classes: Map<string, ClassMetrics> | null = null;
  /** Allocation counters; null while the run has used none. */
  private allocations: AllocationMetrics | null = null;

  /** Prediction scores; null while no prediction was scored. */
  private predictions: PredictionMetrics | null = null;

  predicted(): PredictionMetrics {
    return (this.predictions ??= new PredictionMetrics());
  }

  /** The allocation counters if any allocation action was taken, else null (made by allocs()). */
  allocsIfAny(): AllocationMetrics | null {
    return this.allocations;
  }

  allocs(): AllocationMetrics {
    return (this.allocations ??= new AllocationMetrics());
  }

  classOf(name: string): ClassMetrics {
    const classes = (this.classes ??= new Map());
    let c = classes.get(name);
    if (!c) classes.set(name, (c = new ClassMetrics()));
    return c;
  }

  addCost(type: string, usd: number): void {
    this.costByType.set(type, (this.costByType.get(type) ?? 0) + usd);
  }

  changeAlive(delta: number, nowS: number): void {
    this.instanceArea += this.alive * (nowS - this.lastS);
    this.lastS = nowS;
    this.alive += delta;
    if (this.alive > this.maxInstances) this.maxInstances = this.alive;
  }

  summarize(policy: string, inFlightAtEnd: number, horizonS: number): RunSummary {
    this.changeAlive(0, horizonS);
    const failed = this.failedOutOfMemory + this.failedTimeout;
    const ended = this.completed + failed + this.rejected;
    const byType: Record<string, number> = {};
    for (const name of [...this.costByType.keys()].sort())
      byType[name] = this.costByType.get(name)!;
    const costUsd = Object.values(byType).reduce((a, b) => a + b, 0);
    let byClass: Record<string, ClassSummary> | undefined;
    if (this.classes) {
      byClass = {};
      for (const name of [...this.classes.keys()].sort())
        byClass[name] = this.classes.get(name)!.summarize();
    }
    return {
      policy,
      requests: this.requests,
      completed: this.completed,
      failed,
      failedOutOfMemory: this.failedOutOfMemory,
      retriedOutOfMemory: this.retriedOutOfMemory,
      failedTimeout: this.failedTimeout,
      rejected: this.rejected,
      inFlightAtEnd,
      coldStarts: this.coldStarts,
      coldStartRatio: this.completed > 0 ? this.coldStarts / this.completed : 0,
      notices: this.notices,
      noticesLate: this.noticesLate,
      latencyS: {
        mean: this.latency.mean(),
        p50: this.latency.quantile(0.5),
        p95: this.latency.quantile(0.95),
        p99: this.latency.quantile(0.99),
        max: this.latency.max,
      },
      queueWaitS: { mean: this.queueWait.mean(), p99: this.queueWait.quantile(0.99) },
      costUsd,
      costUsdByType: byType,
      idleCostUsd: this.idleCostUsd,
      meanInstances: horizonS > 0 ? this.instanceArea / horizonS : 0,
      maxInstances: this.maxInstances,
      utilization: this.readySlotSeconds > 0 ? this.busySlotSeconds / this.readySlotSeconds : 0,
      slaAttainment: ended > 0 ? this.withinSla / ended : 1,
      horizonS,
      ...(byClass ? { byClass } : {}),
      ...(this.allocations ? { allocations: this.allocations.summarize() } : {}),
      ...(this.predictions ? { predictions: this.predictions.summarize()! } : {}),
      ...(this.splitRequests > 0
        ? {
            splits: {
              requests: this.splitRequests,
              tasks: this.tasks,
              tasksPerRequest: this.tasks / this.splitRequests,
            },
          }
        : {}),
    };
  }
}
