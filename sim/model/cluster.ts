/**
 * The modelled cloud of one run: pools of instances that boot, serve, idle
 * and terminate; requests that arrive, wait, run and end; a policy that
 * decides; billing as it happens. Driven by the core Scheduler.
 */
import { PRIORITY_LATE, PRIORITY_URGENT, type Scheduler } from "../engine/scheduler.js";
import { samplerOf } from "../random/spec.js";
import type { RandomStreams } from "../random/streams.js";
import type { Sampler } from "../random/source.js";
import type {
  Action,
  FleetView,
  NoticeView,
  Policy,
  PolicyContext,
  PoolSettings,
  PoolView,
  TypeView,
} from "../policies/types.js";
import { billedExecutionS, executionCostUsd, instanceCostUsd } from "./billing.js";
import { sampleFleet } from "./fleet-sample.js";
import { checkBill, checkConservation, type FaasUsage, type LedgerEntry } from "./invariants.js";
import type { Catalog, InstanceType } from "./catalog/types.js";
import { memPerSlotMiB, serviceSeconds } from "./execution.js";
import { Instance } from "./instance.js";
import { Pool, type Queued } from "./pool.js";
import { requestView, type RequestSource, type WorkRequest } from "./request.js";
import { RunMetrics } from "./run-metrics.js";
import { Running } from "./running.js";
import type { RequestRecord, RunSummary, TimeseriesRow } from "./summary.js";

export interface ClusterOptions {
  readonly policyName: string;
  readonly policy: Policy;
  readonly policyConfig: unknown;
  readonly catalog: Catalog;
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
}

/** A request between two instances. */
interface Migration {
  readonly request: WorkRequest;
  readonly pool: Pool;
  readonly doneFrac: number;
  readonly startS: number;
  readonly cold: boolean;
}

const DEFAULT_POOL = "default";

export class Cluster {
  readonly metrics = new RunMetrics();
  private readonly pools = new Map<string, Pool>();
  private readonly types: ReadonlyMap<string, TypeView>;
  private readonly fleet: FleetView;
  private readonly ctx: { nowS: number; random: () => number; log: (m: string) => void };
  private readonly bootSamplers = new Map<string, Sampler>();
  private readonly resizeSamplers = new Map<string, Sampler>();
  private readonly instancesById = new Map<number, Instance>();
  private inTransit = 0;
  private awaitingArrival = false;
  private readonly ledger: LedgerEntry[] = [];
  private readonly ledgerOf = new Map<Instance, LedgerEntry>();
  /** FaaS usage by type (executions, billed seconds), to re-derive the bill at the end. */
  private readonly faasUsage = new Map<string, FaasUsage>();
  private policyState: unknown;
  private nextInstanceId = 1;
  private running = 0;
  private source: RequestSource | undefined;
  private finished = false;
  /** The request whose onArrival actions are being applied, and the instance started for it. */
  private arriving: WorkRequest | null = null;
  private startedFor: Instance | null = null;
  /**
   * How far ahead of the clock requests are read, so that their notices
   * reach the policy when due; below 0, each is read when the one before
   * it arrives (nothing to deliver early).
   */
  private readAheadS = -1;

  private readonly onArrival = (r: WorkRequest) => this.arrive(r);
  private readonly onReadAhead = () => this.readAhead();
  private readonly onNoticeDue = (r: WorkRequest) => this.notice(r);
  private readonly onComplete = (run: Running) => this.complete(run);
  private readonly onReady = (inst: Instance) => this.ready(inst);
  private readonly onIdleExpiry = (inst: Instance) => this.expireIdle(inst);
  private readonly onQueueTimeout = (q: Queued) => this.timeOut(q);
  private readonly onResized = (inst: Instance) => this.applyResize(inst);
  private readonly onMigrated = (m: Migration) => this.landMigration(m);
  private readonly onTick = () => this.tick();
  private readonly onSampleTick = () => this.sample();

  constructor(
    private readonly scheduler: Scheduler,
    private readonly opts: ClusterOptions,
  ) {
    this.types = new Map(
      [...opts.catalog.values()].map((t) => [
        t.name,
        {
          name: t.name,
          kind: t.kind,
          vcpu: t.vcpu,
          memMiB: t.memMiB,
          gpus: t.gpus,
          usdPerHour: t.usdPerHour,
        },
      ]),
    );
    this.fleet = {
      get nowS() {
        return scheduler.now;
      },
      pools: this.pools as ReadonlyMap<string, PoolView>,
      types: this.types,
    };
    const random = opts.streams.stream(`policy/${opts.policyName}`);
    const log = opts.log ?? (() => {});
    this.ctx = { nowS: 0, random, log };
  }

  /** Initializes the policy and schedules the first arrival, ticks and samples. */
  start(source: RequestSource): void {
    this.source = source;
    const { policy, policyConfig } = this.opts;
    this.pool(DEFAULT_POOL, {});
    const init = policy.init(policyConfig, this.fleet, this.context());
    this.policyState = init.state;
    this.apply(init.actions);
    const tickS = policy.tickS?.(policyConfig);
    if (tickS !== undefined && tickS < Infinity && policy.onTick)
      this.scheduler.after(tickS, this.onTick, undefined, PRIORITY_LATE);
    if (this.opts.onSample) this.scheduler.after(0, this.onSampleTick, undefined, PRIORITY_LATE);
    if (source.announces && policy.onNotice) this.readAheadS = this.opts.noticeLookaheadS ?? 0;
    this.readArrivals();
  }

  /** How far ahead of the clock requests are read: run no further than the last read less this. */
  get lookaheadS(): number {
    return Math.max(0, this.readAheadS);
  }

  /** Closes the run at the horizon: bills what is alive, checks invariants. */
  finish(): RunSummary {
    if (this.finished) throw new Error("finish() called twice");
    this.finished = true;
    const end = this.opts.horizonS;
    let waiting = 0;
    for (const pool of this.pools.values()) {
      pool.account(end, 0, 0);
      waiting += pool.queueLength;
      for (const inst of pool.instances) this.settleInstance(inst, end);
    }
    const inFlight = waiting + this.running + this.inTransit;
    const summary = this.metrics.summarize(this.opts.policyName, inFlight, end);
    checkConservation(summary);
    checkBill(summary, this.ledger, this.faasUsage, this.opts.catalog);
    return summary;
  }

  private context(): PolicyContext {
    this.ctx.nowS = this.scheduler.now;
    return this.ctx;
  }

  // --- arrivals and routing ---

  /** Continues arrivals after the source was refilled. */
  resumeArrivals(): void {
    if (!this.awaitingArrival) return;
    this.awaitingArrival = false;
    this.readArrivals();
  }

  private readArrivals(): void {
    if (this.readAheadS < 0) this.scheduleNextArrival();
    else this.readAhead();
  }

  /**
   * Reads requests until one arrives later than the lookahead, scheduling
   * each arrival and its notice; reading resumes when the clock comes
   * within the lookahead of the last one read.
   */
  private readAhead(): void {
    const now = this.scheduler.now;
    for (;;) {
      const next = this.source!.next();
      if (next === undefined) {
        this.awaitingArrival = true;
        return;
      }
      if (next === null || next.arrivalS >= this.opts.horizonS) return;
      if (next.noticeLeadS !== undefined) {
        const due = next.arrivalS - next.noticeLeadS;
        if (due < now) this.metrics.noticesLate++;
        // Before the arrival, even with no lead.
        this.scheduler.at(Math.max(now, due), this.onNoticeDue, next, PRIORITY_LATE);
      }
      this.scheduler.at(next.arrivalS, this.onArrival, next, PRIORITY_LATE);
      const resume = next.arrivalS - this.readAheadS;
      if (resume > now) {
        this.scheduler.at(resume, this.onReadAhead, undefined, PRIORITY_LATE);
        return;
      }
    }
  }

  /** A notice falls due: the policy sees the function it names, never whether it is right. */
  private notice(request: WorkRequest): void {
    this.metrics.notices++;
    const wrong = request.noticeFunctionId !== undefined;
    const view: NoticeView = {
      functionId: wrong ? request.noticeFunctionId! : request.functionId,
      expectedArrivalS: request.arrivalS,
      features: wrong ? (request.noticeFeatures ?? null) : request.features,
    };
    const { policy, policyConfig } = this.opts;
    this.apply(policy.onNotice!(this.policyState, policyConfig, view, this.fleet, this.context()));
  }

  private scheduleNextArrival(): void {
    const next = this.source!.next();
    if (next === undefined) {
      this.awaitingArrival = true;
      return;
    }
    if (next === null || next.arrivalS >= this.opts.horizonS) return;
    this.scheduler.at(next.arrivalS, this.onArrival, next, PRIORITY_LATE);
  }

  private arrive(request: WorkRequest): void {
    this.metrics.requests++;
    if (this.readAheadS < 0) this.scheduleNextArrival();
    this.route(request);
  }

  /** Asks the policy where a request goes (a new arrival or a retry), then starts or queues it. */
  private route(request: WorkRequest): void {
    let target = DEFAULT_POOL;
    const { policy } = this.opts;
    if (policy.onArrival) {
      const actions = policy.onArrival(
        this.policyState,
        this.opts.policyConfig,
        requestView(request),
        this.fleet,
        this.context(),
      );
      this.arriving = request;
      for (const a of actions) {
        if (a.kind === "route") target = a.pool;
        else this.applyOne(a);
      }
      this.arriving = null;
    }
    const pool = this.pools.get(target);
    if (!pool) throw new Error(`policy ${this.opts.policyName} routed to unknown pool "${target}"`);
    const own = this.startedFor;
    if (own) {
      // Held for its own instance since the provision (see provision).
      this.startedFor = null;
      if (own.pool !== pool)
        throw new Error(
          `policy ${this.opts.policyName} started an instance for request ${request.id} in pool "${own.pool.id}" but routed it to "${target}"`,
        );
      return;
    }
    const inst = pool.pick();
    if (inst) this.startOn(request, inst);
    else this.enqueue(request, pool);
  }

  private enqueue(
    request: WorkRequest,
    pool: Pool,
    doneFrac = 0,
    startS = NaN,
    cold = false,
  ): void {
    if (pool.queueLength >= this.opts.queueCapacity) {
      this.metrics.rejected++;
      this.record(request, NaN, "rejected", undefined, false);
      return;
    }
    pool.enqueue(this.waitingEntry(request, pool, doneFrac, startS, cold));
  }

  /** A request about to wait, with its queue timeout scheduled. */
  private waitingEntry(
    request: WorkRequest,
    pool: Pool,
    doneFrac: number,
    startS: number,
    cold: boolean,
  ): Queued {
    const q: Queued = {
      request,
      pool,
      doneFrac,
      startS,
      cold,
      heldBy: null,
      timeoutHandle: -1,
      waiting: true,
    };
    if (this.opts.queueTimeoutS < Infinity) {
      q.timeoutHandle = this.scheduler.after(
        this.opts.queueTimeoutS,
        this.onQueueTimeout,
        q,
        PRIORITY_URGENT,
      );
    }
    return q;
  }

  private timeOut(q: Queued): void {
    if (!q.waiting) return;
    q.pool.withdraw(q);
    this.metrics.failedTimeout++;
    this.record(q.request, NaN, "failed-timeout", undefined, false);
  }

  // --- execution ---

  private startOn(
    request: WorkRequest,
    inst: Instance,
    doneFrac = 0,
    firstStartS = NaN,
    cold = false,
  ): void {
    const now = this.scheduler.now;
    const fresh = Number.isNaN(firstStartS);
    const outOfMemory = request.demand.memMiB > memPerSlotMiB(inst.type, inst.slots);
    const run = new Running(request, inst, fresh ? now : firstStartS, outOfMemory, cold);
    if (!fresh) run.progress = { doneFrac, sinceS: now };
    this.setBusy(inst, +1, now);
    this.running++;
    if (fresh) this.metrics.queueWait.record(now - request.arrivalS);
    inst.running.push(run);
    this.scheduleCompletion(run, doneFrac);
  }

  private scheduleCompletion(run: Running, doneFrac: number): void {
    const t = this.scheduler.now + Math.max(0, run.endFrac - doneFrac) * this.fullSeconds(run);
    this.scheduler.post(t, this.onComplete, run);
  }

  /** A run's whole execution at its instance's current speed; a cold one takes its extra too. */
  private fullSeconds(run: Running): number {
    const inst = run.instance;
    const s = serviceSeconds(run.request.demand, inst.type, inst.slots);
    return run.cold ? s + (run.request.demand.coldExtraS ?? 0) : s;
  }

  /** Takes a request off its instance (completion or migration). */
  private detach(run: Running, now: number): void {
    const inst = run.instance;
    run.stale = true;
    inst.running.splice(inst.running.indexOf(run), 1);
    this.running--;
    if (inst.type.billing.kind === "per-request") this.billExecution(inst.type, now - run.sinceS);
  }

  private complete(run: Running): void {
    if (run.stale) return;
    const now = this.scheduler.now;
    const { request, instance: inst } = run;
    this.detach(run, now);
    const m = this.metrics;
    const latency = now - request.arrivalS;
    // A cold start is a request that ran on the instance started for it (a
    // provision naming it), as platforms count them: the start it triggered,
    // however short the boot. One that waited for capacity started otherwise
    // (a scale-up, a warm pool, a notice) is warm; its wait is queue wait.
    const cold = run.cold;
    const retry = run.outOfMemory && this.opts.retryOutOfMemory && (request.attempt ?? 1) === 1;
    if (retry) {
      m.retriedOutOfMemory++;
    } else if (run.outOfMemory) {
      m.failedOutOfMemory++;
    } else {
      m.completed++;
      m.latency.record(latency);
      if (latency <= this.opts.slaLatencyS) m.withinSla++;
      if (cold) m.coldStarts++;
    }
    if (!retry)
      this.record(request, run.startS, run.outOfMemory ? "failed-oom" : "completed", inst, cold);
    const { policy } = this.opts;
    if (policy.onCompletion) {
      policy.onCompletion(
        this.policyState,
        this.opts.policyConfig,
        {
          request: requestView(request),
          outcome: run.outOfMemory ? "failed" : "completed",
          latencyS: latency,
          serviceS: now - run.startS,
          instanceType: inst.type.name,
        },
        this.context(),
      );
    }
    this.setBusy(inst, -1, now);
    this.pullWork(inst);
    this.settleIfFree(inst);
    if (retry) {
      const slotMiB = memPerSlotMiB(inst.type, inst.slots);
      this.route({ ...request, attempt: 2, outOfMemoryAtMiB: slotMiB });
    }
  }

  private billExecution(type: InstanceType, durationS: number): void {
    this.metrics.addCost(type.name, executionCostUsd(type.billing, type.memMiB, durationS));
    let u = this.faasUsage.get(type.name);
    if (!u) this.faasUsage.set(type.name, (u = { executions: 0, billedS: 0 }));
    u.executions++;
    u.billedS += billedExecutionS(type.billing, durationS);
  }

  /** Gives a freed or new instance the waiting work it can take. */
  private pullWork(inst: Instance): void {
    const pool = inst.pool;
    while (inst.freeSlots > 0 && pool.lineLength > 0) {
      const q = pool.dequeue()!;
      if (q.timeoutHandle >= 0) this.scheduler.cancel(q.timeoutHandle);
      this.startOn(q.request, inst, q.doneFrac, q.startS, q.cold);
    }
  }

  /** An instance with nothing to do idles (its keep-alive starts), or ends if draining. */
  private settleIfFree(inst: Instance): void {
    if (inst.busySlots > 0) return;
    if (inst.state === "draining") this.terminate(inst);
    else if (inst.state === "busy" || (inst.state === "idle" && Number.isNaN(inst.idleSinceS))) {
      this.becomeIdle(inst, this.scheduler.now);
    }
  }

  private record(
    request: WorkRequest,
    startS: number,
    outcome: RequestRecord["outcome"],
    inst: Instance | undefined,
    cold: boolean,
  ): void {
    this.opts.onRequestEnd?.({
      policy: this.opts.policyName,
      id: request.id,
      functionId: request.functionId,
      arrivalS: request.arrivalS,
      startS,
      endS: this.scheduler.now,
      outcome,
      instanceType: inst?.type.name ?? "",
      instanceId: inst?.id ?? -1,
      cold,
    });
  }

  // --- instance lifecycle ---

  /** Changes an instance's busy slots; the idle transition is settleIfFree's. */
  private setBusy(inst: Instance, delta: number, now: number): void {
    inst.changeBusy(delta, now);
    if (inst.state === "draining") return;
    inst.pool.account(now, delta, 0);
    inst.pool.freeSlots -= delta;
    if (inst.state === "idle" && inst.busySlots > 0) {
      inst.state = "busy";
      if (!Number.isNaN(inst.idleSinceS)) inst.pool.idle--;
      inst.idleSinceS = NaN;
      if (inst.idleHandle >= 0) {
        this.scheduler.cancel(inst.idleHandle);
        inst.idleHandle = -1;
      }
      this.replenish(inst.pool);
    }
  }

  private becomeIdle(inst: Instance, now: number): void {
    inst.state = "idle";
    inst.idleSinceS = now;
    inst.pool.idle++;
    const keep = inst.pool.idleTimeoutS;
    if (keep < Infinity)
      inst.idleHandle = this.scheduler.after(keep, this.onIdleExpiry, inst, PRIORITY_URGENT);
  }

  private expireIdle(inst: Instance): void {
    inst.idleHandle = -1;
    if (inst.state === "idle") this.terminate(inst);
  }

  private provision(
    poolId: string,
    typeName: string,
    count: number,
    prewarmed: boolean,
    forRequestId: number | undefined,
  ): void {
    const pool = this.pools.get(poolId);
    if (!pool)
      throw new Error(`policy ${this.opts.policyName} provisioned into unknown pool "${poolId}"`);
    const type = this.opts.catalog.get(typeName);
    if (!type)
      throw new Error(`policy ${this.opts.policyName} provisioned unknown type "${typeName}"`);
    const forRequest = forRequestId === undefined ? null : this.requestStartingOwn(forRequestId);
    if (forRequest && prewarmed)
      throw new Error(
        `policy ${this.opts.policyName} provisioned a prewarmed instance for a request`,
      );
    const now = this.scheduler.now;
    for (let i = 0; i < count; i++) {
      const inst = new Instance(this.nextInstanceId++, type, pool, pool.concurrency, now);
      if (forRequest && i === 0) {
        pool.hold(this.waitingEntry(forRequest, pool, 0, NaN, false), inst);
        this.startedFor = inst;
      }
      pool.instances.push(inst);
      this.instancesById.set(inst.id, inst);
      pool.booting++;
      pool.bootingSlots += inst.slots;
      this.metrics.changeAlive(+1, now);
      if (type.billing.kind !== "per-request") {
        const entry: LedgerEntry = { type, requestedAtS: now, endS: NaN };
        this.ledger.push(entry);
        this.ledgerOf.set(inst, entry);
      }
      if (prewarmed) this.ready(inst);
      else
        this.scheduler.after(this.sampler(this.bootSamplers, type, "boot")(), this.onReady, inst);
    }
  }

  /** The arriving request a provision names: it starts its own instance, once. */
  private requestStartingOwn(requestId: number): WorkRequest {
    const r = this.arriving;
    const name = this.opts.policyName;
    if (!r || r.id !== requestId)
      throw new Error(`policy ${name} provisioned for request ${requestId} outside its arrival`);
    if (this.startedFor)
      throw new Error(`policy ${name} provisioned twice for request ${requestId}`);
    return r;
  }

  private sampler(
    cache: Map<string, Sampler>,
    type: InstanceType,
    what: "boot" | "resize",
  ): Sampler {
    let s = cache.get(type.name);
    if (!s) {
      s = samplerOf(type[what], this.opts.streams.stream(`${what}/${type.name}`));
      cache.set(type.name, s);
    }
    return s;
  }

  private ready(inst: Instance): void {
    if (inst.state !== "booting") return;
    const now = this.scheduler.now;
    const pool = inst.pool;
    pool.booting--;
    pool.bootingSlots -= inst.slots;
    pool.ready++;
    pool.freeSlots += inst.slots;
    pool.account(now, 0, inst.slots);
    inst.readyAtS = now;
    inst.changeBusy(0, now);
    inst.state = "idle";
    const own = pool.takeHeld(inst);
    if (own) {
      if (own.timeoutHandle >= 0) this.scheduler.cancel(own.timeoutHandle);
      this.startOn(own.request, inst, 0, NaN, true);
    }
    this.pullWork(inst);
    this.settleIfFree(inst);
  }

  private release(instanceId: number): void {
    const inst = this.instancesById.get(instanceId);
    if (!inst) return;
    const pool = inst.pool;
    if (inst.state === "busy") {
      // A draining instance finishes its work outside the pool's capacity.
      pool.account(this.scheduler.now, -inst.busySlots, -inst.slots);
      pool.ready--;
      pool.freeSlots -= inst.slots - inst.busySlots;
      pool.draining++;
      inst.state = "draining";
    } else if (inst.state === "idle" || inst.state === "booting") {
      this.terminate(inst);
    }
  }

  private terminate(inst: Instance): void {
    const now = this.scheduler.now;
    const pool = inst.pool;
    let unheld = false;
    if (inst.state === "booting") {
      pool.booting--;
      pool.bootingSlots -= inst.slots;
      unheld = pool.unhold(inst);
    } else if (inst.state === "draining") {
      pool.draining--;
    } else {
      pool.account(now, 0, -inst.slots);
      pool.ready--;
      pool.freeSlots -= inst.slots - inst.busySlots;
      if (inst.state === "idle" && !Number.isNaN(inst.idleSinceS)) pool.idle--;
    }
    if (inst.idleHandle >= 0) {
      this.scheduler.cancel(inst.idleHandle);
      inst.idleHandle = -1;
    }
    this.settleInstance(inst, now);
    inst.state = "terminated";
    inst.terminatedAtS = now;
    pool.instances.splice(pool.instances.indexOf(inst), 1);
    this.instancesById.delete(inst.id);
    this.metrics.changeAlive(-1, now);
    this.replenish(pool);
    // The request it was started for now waits like any other: a free slot takes it.
    const free = unheld ? pool.pick() : undefined;
    if (free) this.pullWork(free);
  }

  /** Bills an instance's life up to `endS` and adds its slot time to utilization. */
  private settleInstance(inst: Instance, endS: number): void {
    inst.settle(endS);
    const m = this.metrics;
    const readyFrom = Math.max(inst.readyAtS, inst.billedSinceS);
    const busy = inst.busySlotSeconds - inst.busyAtBilledSince;
    m.busySlotSeconds += busy;
    m.readySlotSeconds += Number.isNaN(readyFrom) ? 0 : (endS - readyFrom) * inst.slots;
    const type = inst.type;
    if (type.billing.kind === "per-request") return;
    const usd = instanceCostUsd(type.billing, type.usdPerHour, endS - inst.billedSinceS);
    m.addCost(type.name, usd);
    const aliveSlotS = (endS - inst.billedSinceS) * inst.slots;
    m.idleCostUsd += aliveSlotS > 0 ? usd * Math.max(0, 1 - busy / aliveSlotS) : usd;
    this.ledgerOf.get(inst)!.endS = endS;
  }

  // --- resize, migration, warm pools ---

  private resize(instanceId: number, typeName: string): void {
    const inst = this.instancesById.get(instanceId);
    const type = this.opts.catalog.get(typeName);
    if (!type)
      throw new Error(`policy ${this.opts.policyName} resized to unknown type "${typeName}"`);
    if (!inst || (inst.state !== "idle" && inst.state !== "busy") || inst.resizingTo) return;
    if (type.kind !== inst.type.kind)
      throw new Error(
        `cannot resize a ${inst.type.kind} instance to ${type.kind} type "${typeName}"`,
      );
    inst.resizingTo = type;
    this.scheduler.after(this.sampler(this.resizeSamplers, type, "resize")(), this.onResized, inst);
  }

  /** The new type takes effect: a new billing segment, and running work re-timed. */
  private applyResize(inst: Instance): void {
    const type = inst.resizingTo;
    inst.resizingTo = null;
    if (!type || inst.state === "terminated") return;
    const now = this.scheduler.now;
    const progress = inst.running.map((run) => run.doneAt(now, this.fullSeconds(run)));
    this.settleInstance(inst, now);
    inst.type = type;
    inst.billedSinceS = now;
    inst.busyAtBilledSince = inst.busySlotSeconds;
    if (type.billing.kind !== "per-request") {
      const entry: LedgerEntry = { type, requestedAtS: now, endS: NaN };
      this.ledger.push(entry);
      this.ledgerOf.set(inst, entry);
    }
    inst.running.forEach((old, i) => {
      old.stale = true;
      const run = new Running(old.request, inst, old.startS, old.outOfMemory, old.cold);
      run.progress = { doneFrac: progress[i]!, sinceS: now };
      inst.running[i] = run;
      this.scheduleCompletion(run, progress[i]!);
    });
  }

  private migrate(requestId: number, poolId: string): void {
    const pool = this.pools.get(poolId);
    if (!pool)
      throw new Error(`policy ${this.opts.policyName} migrated to unknown pool "${poolId}"`);
    const run = this.findRunning(requestId);
    if (!run) return;
    const now = this.scheduler.now;
    const inst = run.instance;
    const doneFrac = run.doneAt(now, this.fullSeconds(run));
    this.detach(run, now);
    this.inTransit++;
    this.setBusy(inst, -1, now);
    this.pullWork(inst);
    this.settleIfFree(inst);
    const pauseS =
      this.opts.migrationFixedS + run.request.demand.memMiB / this.opts.migrationMiBPerS;
    const m: Migration = {
      request: run.request,
      pool,
      doneFrac,
      startS: run.startS,
      cold: run.cold,
    };
    this.scheduler.after(pauseS, this.onMigrated, m);
  }

  /** The running request with this id; a scan, as migrations are rare. */
  private findRunning(requestId: number): Running | undefined {
    for (const pool of this.pools.values()) {
      for (const inst of pool.instances) {
        const run = inst.running.find((r) => r.request.id === requestId);
        if (run) return run;
      }
    }
    return undefined;
  }

  private landMigration(m: Migration): void {
    this.inTransit--;
    const inst = m.pool.pick();
    if (inst) this.startOn(m.request, inst, m.doneFrac, m.startS, m.cold);
    else this.enqueue(m.request, m.pool, m.doneFrac, m.startS, m.cold);
  }

  private prewarm(poolId: string, typeName: string, count: number): void {
    const pool = this.pools.get(poolId);
    if (!pool) throw new Error(`policy ${this.opts.policyName} prewarmed unknown pool "${poolId}"`);
    if (!this.opts.catalog.has(typeName)) {
      throw new Error(`policy ${this.opts.policyName} prewarmed unknown type "${typeName}"`);
    }
    pool.warm = count > 0 ? { type: typeName, count } : null;
    this.replenish(pool);
  }

  /** Tops a warm pool up to its count of idle or booting instances. */
  private replenish(pool: Pool): void {
    const warm = pool.warm;
    if (!warm) return;
    const missing = warm.count - pool.idle - pool.booting;
    if (missing > 0) this.provision(pool.id, warm.type, missing, false, undefined);
  }

  // --- policy actions ---

  private tick(): void {
    const now = this.scheduler.now;
    for (const pool of this.pools.values()) pool.closeWindow(now);
    const { policy, policyConfig } = this.opts;
    this.apply(policy.onTick!(this.policyState, policyConfig, this.fleet, this.context()));
    const next = now + policy.tickS!(policyConfig);
    if (next < this.opts.horizonS) this.scheduler.at(next, this.onTick, undefined, PRIORITY_LATE);
  }

  private apply(actions: readonly Action[]): void {
    for (const a of actions) this.applyOne(a);
  }

  private applyOne(a: Action): void {
    switch (a.kind) {
      case "pool":
        this.pool(a.pool, a);
        return;
      case "provision":
        this.provision(a.pool, a.type, a.count, a.prewarmed ?? false, a.forRequestId);
        return;
      case "release":
        this.release(a.instanceId);
        return;
      case "resize":
        this.resize(a.instanceId, a.type);
        return;
      case "migrate":
        this.migrate(a.requestId, a.pool);
        return;
      case "prewarm":
        this.prewarm(a.pool, a.type, a.count);
        return;
      case "route":
        throw new Error(`policy ${this.opts.policyName} returned a route outside onArrival`);
    }
  }

  /** Creates or reconfigures a pool. */
  private pool(id: string, s: PoolSettings): void {
    const existing = this.pools.get(id);
    if (existing) {
      if (s.routing) existing.routing = s.routing;
      if (s.idleTimeoutS !== undefined) existing.idleTimeoutS = s.idleTimeoutS;
      if (s.concurrency !== undefined) existing.concurrency = s.concurrency;
      if (s.functionId !== undefined) existing.functionId = s.functionId;
      return;
    }
    this.pools.set(
      id,
      new Pool(
        id,
        s.functionId ?? -1,
        s.routing ?? "least-loaded",
        s.concurrency ?? 1,
        s.idleTimeoutS ?? Infinity,
      ),
    );
  }

  // --- observation ---

  private sample(): void {
    const now = this.scheduler.now;
    for (const row of sampleFleet(this.opts.policyName, now, this.pools.values()))
      this.opts.onSample!(row);
    const next = now + this.opts.sampleIntervalS;
    if (next < this.opts.horizonS)
      this.scheduler.at(next, this.onSampleTick, undefined, PRIORITY_LATE);
  }
}
