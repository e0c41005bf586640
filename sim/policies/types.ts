/**
 * The plain types a policy sees and returns. A policy imports only these
 * (and analysis, predict, pure helpers): never the engine, the model's
 * mutable state, I/O, clocks or Math.random. That is what lets the same
 * policy file run in the simulator and behind `sim serve`.
 */
import type { z } from "zod";
import type { ProfileReader } from "../profiles/types.js";

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
  /** Size of the request's input, and a hash of its parameters (16 hex digits). */
  readonly inputBytes?: number;
  readonly inputHash?: string;
  /** The program the request runs (its path in the code corpus) and its version. */
  readonly codeId?: string;
  readonly codeVersion?: string;
  /** The resource profile the client asked for by name (seed 000's API): a policy may grant it. */
  readonly requestedProfile?: string;
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
  /** Size of the announced request's input, when the notice carries it. */
  readonly inputBytes?: number;
}

export type InstanceState = "booting" | "idle" | "busy" | "draining" | "terminated";

/**
 * The limits of one container: what a request running in it may use of its
 * instance. Absent GPUs are none; an absent bandwidth is no limit of its own
 * (its IO uses the instance's bandwidth) and takes none of it when packing.
 */
export interface Allocation {
  readonly vcpu: number;
  readonly memMiB: number;
  readonly gpus?: number;
  readonly networkMbps?: number;
}

/** Amounts of each resource of an instance (its capacity, or what is free of it). */
export interface Resources {
  readonly vcpu: number;
  readonly memMiB: number;
  readonly gpus: number;
  readonly networkMbps: number;
}

/** A running request's allocation on an instance (a slot's is the instance's equal share). */
export interface AllocationView extends Resources {
  readonly requestId: number;
}

/** One instance as a policy sees it at the moment of a call: plain data, a copy. */
export interface InstanceView {
  readonly id: number;
  readonly pool: string;
  readonly typeName: string;
  readonly state: InstanceState;
  /** Ids of the requests executing on it. */
  readonly runningRequestIds: readonly number[];
  readonly slots: number;
  readonly busySlots: number;
  /** Slots free to take a request now (0 unless idle or busy). */
  readonly freeSlots: number;
  readonly requestedAtS: number;
  /** When it became ready (null while booting; JSON has no NaN). */
  readonly readyAtS: number | null;
  /** When it last became idle (null while busy or booting). */
  readonly idleSinceS: number | null;
  /** Its capacity less every running request's allocation: what a packing policy may still place. */
  readonly free: Resources;
  /** The allocation of each running request, in the order of `runningRequestIds`. */
  readonly allocations: readonly AllocationView[];
}

/** The rule a pool uses to choose one of its instances for a request (a piece in pieces/routing). */
export type Routing = "round-robin" | "least-loaded" | "newest-idle-first";

/** A pool as a policy sees it at the moment of a call: counters only, a copy. */
export interface PoolView {
  readonly id: string;
  /** The one function this pool serves, or -1 for any. */
  readonly functionId: number;
  readonly routing: Routing;
  readonly concurrency: number;
  /** Requests waiting for a slot. */
  readonly queueLength: number;
  /** Instances not terminated, by state. */
  readonly booting: number;
  readonly ready: number;
  readonly draining: number;
  /** Ready instances with nothing to do. */
  readonly idle: number;
  /** Busy and free request slots on ready instances. */
  readonly busySlots: number;
  readonly freeSlots: number;
  /** Slots that booting instances will bring. */
  readonly bootingSlots: number;
  /**
   * Busy and ready slot-seconds since the pool was made, up to now: counters
   * a policy differences over its own window (pieces/utilization-window.ts).
   */
  readonly busySlotSeconds: number;
  readonly readySlotSeconds: number;
}

/**
 * The fleet at the moment of a call. Each method returns a fresh copy in
 * plain data; nothing returned is a live model object, and nothing read
 * after the call returns is meaningful. `fleetFromData` (fleet-data.ts)
 * gives the same view over JSON, as `sim serve` receives it.
 */
export interface FleetView {
  readonly nowS: number;
  /** Pool ids, in the order the pools were made. */
  poolIds(): readonly string[];
  pool(id: string): PoolView | undefined;
  /** The instances of a pool that are not terminated, oldest first. */
  instances(poolId: string): readonly InstanceView[];
  /** Catalog entries: what a policy may provision. */
  typeNames(): readonly string[];
  type(name: string): TypeView | undefined;
  /** The scenario's resource profiles, by name (in the order given). */
  profileNames(): readonly string[];
  profile(name: string): ProfileView | undefined;
}

/** How an offering is billed: plain data, the catalog's rule as a policy sees it too. */
export type BillingRule =
  /** Per second of life, at least `minimumS` per start (EC2 Linux: 60 s). */
  | { readonly kind: "per-second"; readonly minimumS: number }
  /**
   * Container capacity (AWS Fargate): the instance costs nothing; each
   * allocation on it is billed by its vCPU and GB per second while it runs,
   * at least `minimumS` per start.
   */
  | {
      readonly kind: "per-allocation";
      readonly minimumS: number;
      readonly usdPerVcpuHour: number;
      readonly usdPerGbHour: number;
    }
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
  /** Baseline network bandwidth, shared by what runs on it. */
  readonly networkMbps: number;
  /** On-demand price while alive (0 for FaaS: see `billing`). */
  readonly usdPerHour: number;
  readonly billing: BillingRule;
  /** Seconds from request to ready (VM boot, FaaS cold start): median and 95th percentile. */
  readonly bootMedianS: number;
  readonly bootP95S: number;
}

/** How a resource profile is priced: as a container of its size, or as its share of a VM type. */
export type ProfilePrice =
  | {
      readonly kind: "container";
      readonly usdPerVcpuHour: number;
      readonly usdPerGbHour: number;
      readonly minimumS: number;
    }
  /** Its dominant share (vCPU, memory or GPUs, whichever is largest) of the type's price. */
  | { readonly kind: "vm-share"; readonly type: string };

/** A named resource profile (seed 000 Small..Extreme, seed 002 Low..High): scenario data. */
export interface ProfileView {
  readonly name: string;
  readonly vcpu: number;
  readonly memMiB: number;
  readonly gpus: number;
  readonly networkMbps: number;
  readonly price: ProfilePrice;
  /** What one allocation of the profile costs per hour, by its price. */
  readonly usdPerHour: number;
}

export interface PoolSettings {
  readonly functionId?: number;
  readonly routing?: Routing;
  /** Requests one instance serves at once. */
  readonly concurrency?: number;
  /**
   * How a pool whose requests wait in allocations serves its line: strictly
   * in order (the default: a head that fits nowhere holds back the rest), or
   * `backfill`, where one behind it that fits starts first, as the
   * Kubernetes scheduler tries each pending pod in turn. A line with
   * priorities (service classes) is always served in order.
   */
  readonly line?: "in-order" | "backfill";
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
      /**
       * Bind the (first) instance to the request the notice announces (only
       * from onNotice): it takes no other work, and when that request
       * arrives it runs there (in `allocation`, if given) whatever onArrival
       * says. If the notice named the wrong function, the instance is
       * unbound when the request comes, joins its pool, and the bind counts
       * as wasted.
       */
      readonly forNotice?: boolean;
      readonly allocation?: Allocation;
      readonly profile?: string;
    }
  /**
   * End an instance: at once if idle or booting, after its work if busy.
   * With `afterIdleS`, only once it has stayed idle that long (keep-alive):
   * work arriving first cancels it, and the instance is asked again
   * (onIdle) when next idle. Ignored for an instance that is not idle.
   */
  | { readonly kind: "release"; readonly instanceId: number; readonly afterIdleS?: number }
  /**
   * Run the arriving request as `tasks` tasks (only from onArrival, with a
   * route, not a place or a provision for it): its parallel work shared
   * among them, its serial part in the first, each through the pool's line
   * to whichever instance the pool's routing picks. It ends when its last
   * task does; a task out of memory fails it (no retry). With an
   * allocation (or a profile's), each task runs in a container of those
   * limits: the routing's pick if it has room, else the next instance in
   * routing order that has, else the task waits in the line for room.
   */
  | {
      readonly kind: "split";
      readonly tasks: number;
      readonly allocation?: Allocation;
      readonly profile?: string;
    }
  /** Send the arriving request to a pool's line (only from onArrival). */
  | { readonly kind: "route"; readonly pool: string }
  /**
   * Send the arriving request to this instance (only from onArrival): it
   * starts there if a slot is free, else waits in the instance's pool.
   * With an allocation, it runs in a container of those limits: it starts
   * once a slot and that much capacity are free, waiting in the pool's line
   * meanwhile (any instance of the pool with room takes it); one larger
   * than the instance, or on an instance not in service, is rejected and
   * the request is routed as if not placed.
   */
  | {
      readonly kind: "place";
      readonly instanceId: number;
      readonly allocation?: Allocation;
      /** A profile's allocation, when no `allocation` is given. */
      readonly profile?: string;
    }
  /** Change an instance's type in place; it keeps serving, at the new size after the type's resize latency. */
  | { readonly kind: "resize"; readonly instanceId: number; readonly type: string }
  /**
   * Change a running request's allocation in place, within its instance's
   * free capacity: it keeps its progress and runs at the new size once the
   * type's allocation-resize latency has passed (rejected if the room is
   * not there then, or now).
   */
  | {
      readonly kind: "resizeAllocation";
      readonly requestId: number;
      /** The new limits: an allocation, or a profile's. */
      readonly allocation?: Allocation;
      readonly profile?: string;
    }
  /**
   * Move a running request to a larger allocation on another instance:
   * `migrate` keeps its work and pauses it for the migration latency
   * (fixed part plus its memory over the migration bandwidth); `restart`
   * loses its work and starts it again at once. It waits in the target's
   * pool if the room is taken meanwhile.
   */
  | {
      readonly kind: "upgrade";
      readonly requestId: number;
      readonly instanceId: number;
      /** The larger limits: an allocation, or a profile's. */
      readonly allocation?: Allocation;
      readonly profile?: string;
      readonly mode: "migrate" | "restart";
    }
  /** Move a running request to another pool; it resumes there, after the migration latency, with its work kept. */
  | { readonly kind: "migrate"; readonly requestId: number; readonly pool: string }
  /**
   * Be called back (onTimer) at `atS` with `key`; a timer set again with
   * the same key replaces the pending one, and `atS` null cancels it.
   */
  | { readonly kind: "timer"; readonly key: string; readonly atS: number | null }
  /**
   * Sample this request's usage every `everyS` of its execution (onUsage),
   * instead of the policy's `usageS`; null stops its samples. Given before
   * the request starts (from onArrival), it applies from its start.
   */
  | { readonly kind: "usage"; readonly requestId: number; readonly everyS: number | null }
  /**
   * Record what the policy predicts of a request (from any hook, while the
   * request has not ended; a later one replaces it), so the run can report
   * its prediction error and envelope coverage when the request ends.
   */
  | ({ readonly kind: "predict"; readonly requestId: number } & Prediction);

/**
 * A policy's prediction of one request's measured figures (each optional),
 * and optionally an envelope: ranges it expects them to fall in with the
 * stated confidence (seed 004).
 */
export interface Prediction {
  readonly serviceS?: number;
  readonly cpuSeconds?: number;
  readonly peakMemMiB?: number;
  readonly envelope?: {
    readonly cpuSeconds?: readonly [number, number];
    readonly peakMemMiB?: readonly [number, number];
    /** The share of requests the policy expects inside the envelope, in (0, 1). */
    readonly confidence: number;
  };
}

export interface PolicyContext {
  readonly nowS: number;
  /** A seeded uniform stream on [0, 1). */
  readonly random: () => number;
  readonly log: (message: string) => void;
  /**
   * The behavioral profiles (seed 004), when the run or server has them: an
   * in-memory snapshot taken when the run started, with this run's own
   * completions recorded into it as they happen (README, "Profiles").
   */
  readonly profiles?: ProfileReader;
}

/**
 * A running request's use so far, reported every `usageS` of its execution
 * (onUsage): what a policy watching execution sees (seed 000's runtime
 * re-evaluation, seed 002's monitoring, VPA's recommender).
 */
export interface UsageSample {
  readonly request: RequestView;
  readonly instanceId: number;
  readonly instanceType: string;
  /** Which task of a split request this is. */
  readonly task?: { readonly index: number; readonly count: number };
  /** Since its first start, on any instance. */
  readonly elapsedS: number;
  /** CPU-seconds used so far, at the reference speed. */
  readonly cpuSeconds: number;
  /** Memory in use now, the most it used so far, and the limit it runs under. */
  readonly memMiB: number;
  readonly peakMemMiB: number;
  readonly memLimitMiB: number;
  /** Bytes read and written so far. */
  readonly ioReadBytes: number;
  readonly ioWriteBytes: number;
}

/**
 * What the model reports when a request ends, measured: the observation a
 * learning policy keeps (seed 004's record: the request view carries the
 * input hash, code id and version; the fleet's clock is the timestamp).
 */
export interface CompletionFeedback {
  readonly request: RequestView;
  readonly outcome: "completed" | "failed";
  readonly latencyS: number;
  /** Execution time: from its first start to its end, on any instance. */
  readonly serviceS: number;
  readonly instanceId: number;
  readonly instanceType: string;
  /** Measured: CPU-seconds used (at the reference speed) and the memory peak. */
  readonly cpuSeconds: number;
  readonly peakMemMiB: number;
  /** The memory limit it ran under (a failed request outgrew it). */
  readonly memLimitMiB: number;
  /** Bytes read and written. */
  readonly ioReadBytes: number;
  readonly ioWriteBytes: number;
  /**
   * What its execution cost on the instance it ended on: the FaaS bill of
   * the execution, or its slot's share of the VM's price over its time there.
   */
  readonly costUsd: number;
}

/** What a hook returns: the policy's next state (plain JSON) and the actions to take now. */
export interface Decision<State> {
  readonly state: State;
  readonly actions: readonly Action[];
}

/** The calls a policy can take, by name. */
export type Hook = "tick" | "arrival" | "notice" | "idle" | "timer" | "usage" | "completion";

/**
 * A policy: pure functions of (state, config, observation, context) that
 * return the next state and plain actions. State must survive a JSON round
 * trip; observations are copies, and `ctx` is fresh per call.
 */
export interface Policy<Config = unknown, State = unknown> {
  readonly name: string;
  readonly description: string;
  readonly configSchema: z.ZodType<Config, unknown>;
  /** Instance types the config names, so a scenario can check them against its catalog. */
  typesUsed(config: Config): string[];
  /**
   * Config keys whose value may be a path to a JSON file (a trained model):
   * the scenario loader reads it, relative to the scenario file, and puts
   * the parsed JSON in its place before the config is checked.
   */
  readonly configFiles?: readonly string[];
  /**
   * Hooks the policy defines that this config has no use for: they are not
   * called (each call costs, once per request for some).
   */
  ignores?(config: Config): readonly Hook[];
  init(config: Config, fleet: FleetView, ctx: PolicyContext): Decision<State>;
  /** Seconds between onTick calls; omit for no ticks. */
  tickS?(config: Config): number;
  onTick?(state: State, config: Config, fleet: FleetView, ctx: PolicyContext): Decision<State>;
  /** Called for every arrival; returning no route or place sends the request to pool "default". */
  onArrival?(
    state: State,
    config: Config,
    request: RequestView,
    fleet: FleetView,
    ctx: PolicyContext,
  ): Decision<State>;
  /** Called for every pre-trigger notification, ahead of the request it announces. */
  onNotice?(
    state: State,
    config: Config,
    notice: NoticeView,
    fleet: FleetView,
    ctx: PolicyContext,
  ): Decision<State>;
  /**
   * The keep-alive onIdle always decides for this config, if it is that
   * simple: its state unchanged and one `keepAlive(instance, seconds)`
   * (pieces/keep-alive.ts) for the idle instance, nothing else. The model
   * then applies that keep-alive at each idle transition without the call
   * (it is one per request in a FaaS run); the server still calls onIdle.
   * Undefined, or omitted: onIdle decides each time.
   */
  idleKeepAliveS?(config: Config): number | undefined;
  /** Called when an instance has nothing left to do (it is idle, not draining). */
  onIdle?(
    state: State,
    config: Config,
    instance: InstanceView,
    fleet: FleetView,
    ctx: PolicyContext,
  ): Decision<State>;
  /** Called when a timer the policy set falls due. */
  onTimer?(
    state: State,
    config: Config,
    key: string,
    fleet: FleetView,
    ctx: PolicyContext,
  ): Decision<State>;
  /** Seconds of execution between a request's usage samples (onUsage); omit for none. */
  usageS?(config: Config): number;
  /** Called with each usage sample of a running request. */
  onUsage?(
    state: State,
    config: Config,
    sample: UsageSample,
    fleet: FleetView,
    ctx: PolicyContext,
  ): Decision<State>;
  onCompletion?(
    state: State,
    config: Config,
    feedback: CompletionFeedback,
    fleet: FleetView,
    ctx: PolicyContext,
  ): Decision<State>;
}
