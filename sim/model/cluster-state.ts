/**
 * The mutable state of one modelled run, shared by the functions of each of
 * its jobs (arrivals, queueing, execution, lifecycle, ledger, actions,
 * sampling). Plain data plus the event handlers, each made once per run, so
 * that nothing on the path of a request allocates a closure.
 */
import type { Scheduler } from "../engine/scheduler.js";
import type { RandomStreams } from "../random/streams.js";
import type { Sampler } from "../random/source.js";
import type { Allocation, FleetView, Policy, Prediction, TypeView } from "../policies/types.js";
import type { Catalog } from "./catalog/types.js";
import type { Instance } from "./instance.js";
import type { AllocationUsage, FaasUsage, LedgerEntry } from "./invariants.js";
import type { HookSet } from "./policy-hooks.js";
import type { Pool, Queued } from "./pool.js";
import type { Profiles } from "./profiles.js";
import type { RequestSource, WorkRequest } from "./request.js";
import type { RunMetrics } from "./run-metrics.js";
import type { Running } from "./running.js";
import type { RequestRecord, TimeseriesRow } from "./summary.js";
import type { RunProfiles } from "../profiles/run-profiles.js";

export interface ClusterOptions {
  readonly policyName: string;
  readonly policy: Policy;
  readonly policyConfig: unknown;
  readonly catalog: Catalog;
  /** Resource profiles by name; the default ones (default-profiles.ts) when absent. */
  readonly profiles?: Profiles;
  readonly streams: RandomStreams;
  readonly horizonS: number;
  readonly slaLatencyS: number;
  /** Requests a pool's queue holds before it rejects arrivals. */
  readonly queueCapacity: number;
  /** A request waiting longer than this fails (Infinity: never). */
  readonly queueTimeoutS: number;
  /** Seconds between time-series samples. */
  readonly sampleIntervalS: number;
  /** A request that runs out of memory is tried once more, routed again by the policy. */
  readonly retryOutOfMemory: boolean;
  /** A migration pauses a request this long, plus its memory over the bandwidth. */
  readonly migrationFixedS: number;
  readonly migrationMiBPerS: number;
  /** How far ahead of the clock a workload with notices is read, for a policy that takes them. */
  readonly noticeLookaheadS?: number;
  readonly onRequestEnd?: (record: RequestRecord) => void;
  readonly onSample?: (row: TimeseriesRow) => void;
  readonly log?: (message: string) => void;
  /** The run's behavioral profiles: every completion is recorded, and policies read them. */
  readonly behavior?: RunProfiles;
}

/** A request between two instances. */
export interface Migration {
  readonly request: WorkRequest;
  readonly pool: Pool;
  readonly doneFrac: number;
  readonly startS: number;
  readonly cold: boolean;
  /** An upgrade's target instance and allocation (else any instance of the pool, a slot's share). */
  readonly target?: Instance;
  readonly alloc?: Allocation;
}

/** An allocation change waiting for its latency to pass. */
export interface PendingResize {
  readonly run: Running;
  readonly alloc: Allocation;
}

/** An instance bound to an announced request, and the allocation that request is to run in. */
export interface Binding {
  readonly instance: Instance;
  /** The function the notice named (the request may turn out to be another's). */
  readonly functionId: number;
  readonly alloc: Allocation | null;
}

/** The pool a request goes to when the policy routes it nowhere. */
export const DEFAULT_POOL = "default";

/** The scheduler's callbacks, one of each per run. */
export interface Handlers {
  readonly arrival: (r: WorkRequest) => void;
  readonly readAhead: () => void;
  readonly noticeDue: (r: WorkRequest) => void;
  readonly complete: (run: Running) => void;
  readonly ready: (inst: Instance) => void;
  readonly idleExpiry: (inst: Instance) => void;
  readonly queueTimeout: (q: Queued) => void;
  readonly resized: (inst: Instance) => void;
  readonly migrated: (m: Migration) => void;
  readonly allocationResized: (r: PendingResize) => void;
  readonly tick: () => void;
  readonly timer: (key: string) => void;
  readonly sampleTick: () => void;
  readonly usage: (run: Running) => void;
}

export interface ClusterState {
  readonly scheduler: Scheduler;
  readonly opts: ClusterOptions;
  readonly metrics: RunMetrics;
  readonly pools: Map<string, Pool>;
  readonly types: ReadonlyMap<string, TypeView>;
  readonly profiles: Profiles;
  /** What policies see of the pools: copies made at each read. */
  readonly fleet: FleetView;
  /** The policy's seeded stream and its log, handed to it in a fresh context at each call. */
  readonly random: () => number;
  readonly log: (message: string) => void;
  /** The hooks to call. */
  readonly hooks: HookSet;
  /** The keep-alive the policy declares onIdle always decides (Policy.idleKeepAliveS), else undefined. */
  readonly idleKeepAliveS: number | undefined;
  /** The policy's pending timers by key (scheduler handles). */
  readonly timers: Map<string, number>;
  readonly on: Handlers;
  readonly bootSamplers: Map<string, Sampler>;
  readonly resizeSamplers: Map<string, Sampler>;
  readonly allocationResizeSamplers: Map<string, Sampler>;
  /** Instances bound to announced requests, by request id. */
  readonly bindings: Map<number, Binding>;
  /** The request whose notice is being handled (onNotice), else null. */
  noticing: WorkRequest | null;
  readonly instancesById: Map<number, Instance>;
  /** Billing segments of VM instances, and the segment each instance is in. */
  readonly ledger: LedgerEntry[];
  readonly ledgerOf: Map<Instance, LedgerEntry>;
  /** FaaS usage by type (executions, billed seconds), to re-derive the bill at the end. */
  readonly faasUsage: Map<string, FaasUsage>;
  /** Container-capacity usage by type (billed vCPU- and GB-seconds), likewise. */
  readonly allocationUsage: Map<string, AllocationUsage>;
  policyState: unknown;
  nextInstanceId: number;
  /** Requests executing, and requests between two instances. */
  running: number;
  inTransit: number;
  source: RequestSource | undefined;
  /** The source had nothing to give: reading resumes on Cluster.resumeArrivals. */
  awaitingArrival: boolean;
  /** The request whose onArrival actions are being applied, and the instance started for it. */
  arriving: WorkRequest | null;
  /** Tasks in flight beyond one per split request still running (see task-split.ts). */
  extraTasks: number;
  /** Seconds between a request's usage samples (Infinity: none), and intervals set per request. */
  readonly usageS: number;
  readonly usageEvery: Map<number, number>;
  /** What the policy predicted of requests not yet ended (the `predict` action), by request id. */
  readonly predictions: Map<number, Prediction>;
  /** The run whose usage sample the policy is reading. */
  sampling: Running | null;
  startedFor: Instance | null;
  /**
   * How far ahead of the clock requests are read, so that their notices
   * reach the policy when due; below 0, each is read when the one before
   * it arrives (nothing to deliver early).
   */
  readAheadS: number;
}
