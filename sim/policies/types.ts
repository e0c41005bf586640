/**
 * The plain types a policy sees and returns. A policy imports only these
 * (and analysis, predict, pure helpers): never the engine, the model's
 * mutable state, I/O, clocks or Math.random. That is what lets the same
 * policy file run in the simulator and behind `sim serve`.
 */
import type { z } from "zod";

/** What a request's code looks like to a policy (filled by the analyzer). */
export interface CodeFeatures {
  /** 0-100 complexity score. */
  readonly complexityScore?: number;
  readonly [feature: string]: number | string | undefined;
}

/** A request as a policy sees it: never its true demand. */
export interface RequestView {
  readonly id: number;
  readonly functionId: number;
  readonly arrivalS: number;
  readonly features: CodeFeatures | null;
  /** 2 when this is the retry of an attempt that ran out of memory. */
  readonly attempt?: number;
  /** Memory of the slot that attempt ran out of: route the retry somewhere larger. */
  readonly outOfMemoryAtMiB?: number;
  /** Queue priority, higher first (only when the workload names service classes). */
  readonly priority?: number;
  /** Name of the request's service class. */
  readonly slaClass?: string;
  /** The class's latency objective, when it has its own. */
  readonly slaLatencyS?: number;
}

/**
 * A pre-trigger notification (seed 002): a request for `functionId` is on
 * its way. Notices can be wrong: the request that comes may be another
 * function's, and a policy cannot tell which notices those are.
 */
export interface NoticeView {
  /** The function the notice names. */
  readonly functionId: number;
  /** When the announced request is to arrive. */
  readonly expectedArrivalS: number;
  /** The features of the named function's code (filled by the analyzer). */
  readonly features: CodeFeatures | null;
}

export type InstanceState = "booting" | "idle" | "busy" | "draining" | "terminated";

export interface InstanceView {
  readonly id: number;
  readonly typeName: string;
  readonly state: InstanceState;
  /** Ids of the requests executing on it. */
  readonly runningRequestIds: readonly number[];
  readonly slots: number;
  readonly busySlots: number;
  readonly requestedAtS: number;
  readonly readyAtS: number;
  /** When it last became idle (NaN while busy or booting). */
  readonly idleSinceS: number;
}

export type Routing = "round-robin" | "least-loaded" | "newest-idle-first";

export interface PoolView {
  readonly id: string;
  /** The one function this pool serves, or -1 for any. */
  readonly functionId: number;
  readonly instances: readonly InstanceView[];
  readonly queueLength: number;
  /** Instances not terminated, by state. */
  readonly booting: number;
  readonly ready: number;
  readonly draining: number;
  /** Ready instances with nothing to do. */
  readonly idle: number;
  /** Free request slots on ready instances. */
  readonly freeSlots: number;
  /** Slots that booting instances will bring. */
  readonly bootingSlots: number;
  /** Busy fraction of ready slots, time-averaged since the previous tick. */
  readonly utilizationSinceTick: number;
}

export interface FleetView {
  readonly nowS: number;
  readonly pools: ReadonlyMap<string, PoolView>;
  /** Catalog entries by name: what a policy may provision. */
  readonly types: ReadonlyMap<string, TypeView>;
}

/** How an offering is billed: plain data, the catalog's rule as a policy sees it too. */
export type BillingRule =
  /** Per second of life, at least `minimumS` per start (EC2 Linux: 60 s). */
  | { readonly kind: "per-second"; readonly minimumS: number }
  /** Every started hour billed whole. */
  | { readonly kind: "hourly" }
  /** FaaS: each execution's duration, rounded up to `incrementS`, in GB-seconds, plus a fee per request. */
  | {
      readonly kind: "per-request";
      readonly incrementS: number;
      readonly usdPerGbSecond: number;
      readonly usdPerRequest: number;
    };

export interface TypeView {
  readonly name: string;
  readonly kind: "vm" | "faas";
  readonly vcpu: number;
  readonly memMiB: number;
  readonly gpus: number;
  /** On-demand price while alive (0 for FaaS: see `billing`). */
  readonly usdPerHour: number;
  readonly billing: BillingRule;
  /** Seconds from request to ready (VM boot, FaaS cold start): median and 95th percentile. */
  readonly bootMedianS: number;
  readonly bootP95S: number;
}

export interface PoolSettings {
  readonly functionId?: number;
  readonly routing?: Routing;
  /** Requests one instance serves at once. */
  readonly concurrency?: number;
  /** An instance idle this long is terminated (keep-alive). */
  readonly idleTimeoutS?: number;
}

export type Action =
  | ({ readonly kind: "pool"; readonly pool: string } & PoolSettings)
  | {
      readonly kind: "provision";
      readonly pool: string;
      readonly type: string;
      readonly count: number;
      /** Already running when the run starts (a fleet that exists): no boot. */
      readonly prewarmed?: boolean;
      /**
       * Start the (first) instance for the request now arriving (only from
       * onArrival, with its id): the request waits for that instance alone
       * and runs there first, a cold start, even if another slot frees
       * during the boot. The request must be routed to the same pool.
       */
      readonly forRequestId?: number;
    }
  | { readonly kind: "release"; readonly instanceId: number }
  | { readonly kind: "route"; readonly pool: string }
  /** Change an instance's type in place; it keeps serving, at the new size after the type's resize latency. */
  | { readonly kind: "resize"; readonly instanceId: number; readonly type: string }
  /** Move a running request to another pool; it resumes there, after the migration latency, with its work kept. */
  | { readonly kind: "migrate"; readonly requestId: number; readonly pool: string }
  /** Keep at least `count` idle or booting instances of `type` in a pool (a warm pool); 0 stops. */
  | {
      readonly kind: "prewarm";
      readonly pool: string;
      readonly type: string;
      readonly count: number;
    };

export interface PolicyContext {
  readonly nowS: number;
  /** A seeded uniform stream on [0, 1). */
  readonly random: () => number;
  readonly log: (message: string) => void;
}

/** What the model reports when a request ends, for learning policies. */
export interface CompletionFeedback {
  readonly request: RequestView;
  readonly outcome: "completed" | "failed";
  readonly latencyS: number;
  readonly serviceS: number;
  readonly instanceType: string;
}

/**
 * A policy: pure functions of (state, observation, context) returning plain
 * actions. State must be serializable (JSON).
 */
export interface Policy<Config = unknown, State = unknown> {
  readonly name: string;
  readonly description: string;
  readonly configSchema: z.ZodType<Config, unknown>;
  /** Instance types the config names, so a scenario can check them against its catalog. */
  typesUsed(config: Config): string[];
  init(config: Config, fleet: FleetView, ctx: PolicyContext): { state: State; actions: Action[] };
  /** Seconds between onTick calls; omit for no ticks. */
  tickS?(config: Config): number;
  onTick?(state: State, config: Config, fleet: FleetView, ctx: PolicyContext): Action[];
  /** Called for every arrival; returning no route sends the request to pool "default". */
  onArrival?(
    state: State,
    config: Config,
    request: RequestView,
    fleet: FleetView,
    ctx: PolicyContext,
  ): readonly Action[];
  /** Called for every pre-trigger notification, ahead of the request it announces. */
  onNotice?(
    state: State,
    config: Config,
    notice: NoticeView,
    fleet: FleetView,
    ctx: PolicyContext,
  ): readonly Action[];
  onCompletion?(
    state: State,
    config: Config,
    feedback: CompletionFeedback,
    ctx: PolicyContext,
  ): void;
}
