/**
 * The modelled cloud of one run: pools of instances that boot, serve, idle
 * and terminate; requests that arrive, wait, run and end; a policy that
 * decides; billing as it happens. Driven by the core Scheduler. This file
 * wires the jobs together (arrivals.ts, queueing.ts, execution-runs.ts,
 * lifecycle.ts, ledger.ts, apply-actions.ts, resize-migrate.ts,
 * policy-ticks.ts, sampling.ts) and is the run's public face.
 */
import { PRIORITY_LATE, type Scheduler } from "../engine/scheduler.js";
import type { TypeView } from "../policies/types.js";
import { applyAllocationResize } from "./allocation-actions.js";
import { applyAll, definePool } from "./apply-actions.js";
import { arrive, notice, readAhead, readArrivals } from "./arrivals.js";
import { DEFAULT_POOL, type ClusterOptions, type ClusterState } from "./cluster-state.js";
import { complete } from "./execution-runs.js";
import { checkConservation } from "./invariants.js";
import { billRunningAllocations } from "./execution-runs.js";
import { checkLedger, settleInstance } from "./ledger.js";
import { modelFleet } from "./fleet-view.js";
import { defaultProfilesFor } from "./profiles.js";
import { expireIdle, ready } from "./lifecycle.js";
import { adopt, fireTimer, policyContext } from "./policy-calls.js";
import { hooksOf, type HookSet } from "./policy-hooks.js";
import { tick } from "./policy-ticks.js";
import { timeOut } from "./queueing.js";
import type { RequestSource } from "./request.js";
import { applyResize, landMigration } from "./resize-migrate.js";
import { RunMetrics } from "./run-metrics.js";
import { sample } from "./sampling.js";
import { deliverUsage } from "./usage-samples.js";
import { typeViewOf } from "./type-view.js";
import type { RunSummary } from "./summary.js";

export type { ClusterOptions } from "./cluster-state.js";

/** The policy's usage sampling interval, when it has onUsage and this config uses it. */
function usageIntervalS(opts: ClusterOptions, hooks: HookSet): number {
  if (!hooks.usage) return Infinity;
  return opts.policy.usageS?.(opts.policyConfig) ?? Infinity;
}

/** The keep-alive the policy declares for every idle instance, when it has onIdle and this config uses it. */
function declaredKeepAliveS(opts: ClusterOptions, hooks: HookSet): number | undefined {
  if (!hooks.idle) return undefined;
  return opts.policy.idleKeepAliveS?.(opts.policyConfig);
}

export class Cluster {
  readonly metrics = new RunMetrics();
  private readonly m: ClusterState;
  private finished = false;

  constructor(scheduler: Scheduler, opts: ClusterOptions) {
    const types: ReadonlyMap<string, TypeView> = new Map(
      [...opts.catalog.values()].map((t) => [t.name, typeViewOf(t)]),
    );
    const pools: ClusterState["pools"] = new Map();
    const profiles = opts.profiles ?? defaultProfilesFor(opts.catalog);
    const hooks = hooksOf(opts.policy, opts.policyConfig);
    const m: ClusterState = {
      scheduler,
      opts,
      metrics: this.metrics,
      pools,
      types,
      profiles,
      fleet: modelFleet(pools, types, profiles, () => scheduler.now),
      random: opts.streams.stream(`policy/${opts.policyName}`),
      log: opts.log ?? (() => {}),
      hooks,
      idleKeepAliveS: declaredKeepAliveS(opts, hooks),
      timers: new Map(),
      on: {
        arrival: (r) => arrive(m, r),
        readAhead: () => readAhead(m),
        noticeDue: (r) => notice(m, r),
        complete: (run) => complete(m, run),
        ready: (inst) => ready(m, inst),
        idleExpiry: (inst) => expireIdle(m, inst),
        queueTimeout: (q) => timeOut(m, q),
        resized: (inst) => applyResize(m, inst),
        migrated: (moving) => landMigration(m, moving),
        allocationResized: (r) => applyAllocationResize(m, r),
        tick: () => tick(m),
        timer: (key) => fireTimer(m, key),
        sampleTick: () => sample(m),
        usage: (run) => deliverUsage(m, run),
      },
      bootSamplers: new Map(),
      resizeSamplers: new Map(),
      allocationResizeSamplers: new Map(),
      bindings: new Map(),
      noticing: null,
      instancesById: new Map(),
      ledger: [],
      ledgerOf: new Map(),
      faasUsage: new Map(),
      allocationUsage: new Map(),
      policyState: undefined,
      nextInstanceId: 1,
      running: 0,
      inTransit: 0,
      source: undefined,
      awaitingArrival: false,
      arriving: null,
      usageS: usageIntervalS(opts, hooks),
      usageEvery: new Map(),
      predictions: new Map(),
      extraTasks: 0,
      sampling: null,
      startedFor: null,
      readAheadS: -1,
    };
    this.m = m;
  }

  /** Initializes the policy and schedules the first arrival, ticks and samples. */
  start(source: RequestSource): void {
    const m = this.m;
    m.source = source;
    const { policy, policyConfig } = m.opts;
    definePool(m, DEFAULT_POOL, {});
    applyAll(m, adopt(m, policy.init(policyConfig, m.fleet, policyContext(m))));
    const tickS = policy.tickS?.(policyConfig);
    if (tickS !== undefined && tickS < Infinity && m.hooks.tick)
      m.scheduler.after(tickS, m.on.tick, undefined, PRIORITY_LATE);
    if (m.opts.onSample) m.scheduler.after(0, m.on.sampleTick, undefined, PRIORITY_LATE);
    if (source.announces && m.hooks.notice) m.readAheadS = m.opts.noticeLookaheadS ?? 0;
    readArrivals(m);
  }

  /** Continues arrivals after the source was refilled. */
  resumeArrivals(): void {
    const m = this.m;
    if (!m.awaitingArrival) return;
    m.awaitingArrival = false;
    readArrivals(m);
  }

  /** How far ahead of the clock requests are read: run no further than the last read less this. */
  get lookaheadS(): number {
    return Math.max(0, this.m.readAheadS);
  }

  /** Closes the run at the horizon: bills what is alive, checks invariants. */
  finish(): RunSummary {
    if (this.finished) throw new Error("finish() called twice");
    this.finished = true;
    const m = this.m;
    const end = m.opts.horizonS;
    let waiting = 0;
    for (const pool of m.pools.values()) {
      pool.account(end, 0, 0);
      waiting += pool.queueLength;
      for (const inst of pool.instances) {
        billRunningAllocations(m, inst, end);
        settleInstance(m, inst, end);
      }
    }
    // A split request in flight counts once, however many of its tasks are.
    const inFlight = waiting + m.running + m.inTransit - m.extraTasks;
    const summary = this.metrics.summarize(m.opts.policyName, inFlight, end);
    checkConservation(summary);
    checkLedger(m, summary);
    return summary;
  }
}
