import type { CodeFeatures, RequestView } from "../policies/types.js";
import type { MemoryProfile } from "./memory-profile.js";
import type { TaskOf } from "./task-split.js";

/** What a request truly needs: hidden from policies, used to execute it. */
export interface Demand {
  /** CPU-seconds on one core of the reference speed. */
  readonly cpuSeconds: number;
  /** Share of the work that runs in parallel (Amdahl's p), 0..1. */
  readonly parallelFraction: number;
  /** Peak memory. */
  readonly memMiB: number;
  /** Speed-up on a GPU instance (1 = none). */
  readonly gpuSpeedup: number;
  /** Seconds a cold start adds to this request's execution (runtime and code initialization). */
  readonly coldExtraS?: number;
  /** How memory grows with the work done, up to `memMiB` (memory-profile.ts); absent: linear from 0. */
  readonly memory?: MemoryProfile;
  /** Bytes read and written over the whole execution (storage and network); absent: none. */
  readonly ioReadBytes?: number;
  readonly ioWriteBytes?: number;
}

/** The service class a request belongs to: its queue priority and latency objective. */
export interface ServiceClass {
  readonly name: string;
  /** Higher is served first; within one priority, first come first served. */
  readonly priority: number;
  /** Latency objective of the class; the scenario's SLA when absent. */
  readonly slaLatencyS?: number;
}

/** One request of a workload. */
export interface WorkRequest {
  readonly id: number;
  readonly arrivalS: number;
  readonly functionId: number;
  readonly features: CodeFeatures | null;
  readonly demand: Demand;
  /** Size of the request's input, and a hash of its parameters (16 hex digits). */
  readonly inputBytes?: number;
  readonly inputHash?: string;
  /** The program the request runs (its path in the code corpus), and that program's version. */
  readonly codeId?: string;
  readonly codeVersion?: string;
  /** The resource profile the client asked for by name (seed 000's API). */
  readonly requestedProfile?: string;
  /** A pre-trigger notification announced this request this long before it arrived. */
  readonly noticeLeadS?: number;
  /** The function that notification named, when it named another one (it was wrong). */
  readonly noticeFunctionId?: number;
  /** The features of that other function's code. */
  readonly noticeFeatures?: CodeFeatures | null;
  /** 1 for a first try; 2 for the retry of a request that ran out of memory. */
  readonly attempt?: number;
  /** Memory of the slot the previous attempt ran out of. */
  readonly outOfMemoryAtMiB?: number;
  /** Its service class, when the workload names classes. */
  readonly serviceClass?: ServiceClass;
  /** One task of a split request (task-split.ts): its group and index. */
  readonly task?: TaskOf;
}

/** Requests in arrival order, drawn one at a time so no trace is held whole. */
export interface RequestSource {
  /** Whether requests may carry notices (the model then reads ahead to deliver them on time). */
  readonly announces?: boolean;
  /**
   * The next request; null at the end; undefined when none is read yet (the
   * runner refills the source, then calls Cluster.resumeArrivals).
   */
  next(): WorkRequest | null | undefined;
}

/**
 * What a policy sees of a request: a copy without its true demand (or its
 * notice), so that a policy cannot read them even past the types.
 */
export function requestView(r: WorkRequest): RequestView {
  // One object, its optional fields added in a fixed order (the order JSON
  // shows them in): a spread copy per optional group made this 17% of an
  // allocation policy's run.
  const v: { -readonly [K in keyof RequestView]: RequestView[K] } = {
    id: r.id,
    functionId: r.functionId,
    arrivalS: r.arrivalS,
    features: r.features,
  };
  const c = r.serviceClass;
  if (c) {
    v.priority = c.priority;
    v.slaClass = c.name;
    if (c.slaLatencyS !== undefined) v.slaLatencyS = c.slaLatencyS;
  }
  // A trace may give a hash without a size, or a version without a program.
  if (r.inputBytes !== undefined) v.inputBytes = r.inputBytes;
  if (r.inputHash !== undefined) v.inputHash = r.inputHash;
  if (r.codeId !== undefined) v.codeId = r.codeId;
  if (r.codeVersion !== undefined) v.codeVersion = r.codeVersion;
  if (r.requestedProfile !== undefined) v.requestedProfile = r.requestedProfile;
  if (r.attempt !== undefined) {
    v.attempt = r.attempt;
    if (r.outOfMemoryAtMiB !== undefined) v.outOfMemoryAtMiB = r.outOfMemoryAtMiB;
  }
  return v;
}
