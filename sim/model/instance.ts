import type { InstanceState } from "../policies/types.js";
import type { InstanceType } from "./catalog/types.js";
import type { Pool, Queued } from "./pool.js";
import type { Running } from "./running.js";

/** One modelled VM or FaaS sandbox, from request to termination. */
export class Instance {
  state: InstanceState = "booting";
  /** Requests executing here. */
  readonly running: Running[] = [];
  /** The type a pending in-place resize will give it, if any. */
  resizingTo: InstanceType | null = null;
  busySlots = 0;
  /** Running requests with an allocation of their own (the others hold a slot's share). */
  allocatedRuns = 0;
  readyAtS = NaN;
  terminatedAtS = NaN;
  idleSinceS = NaN;
  /** The request this instance was started for, waiting for it to boot; else null. */
  held: Queued | null = null;
  /** Bound to an announced request not yet arrived: takes no other work. */
  bound = false;
  /**
   * The pending keep-alive event (else -1) and its time. It may be an
   * earlier idle stretch's, left in place when work took the instance
   * (lifecycle.ts expireAfterIdle says why).
   */
  idleHandle = -1;
  idleEventAtS = NaN;
  /** When this idle stretch's keep-alive ends (NaN: none), and the event order it was set in. */
  expiresAtS = NaN;
  expirySeq = -1;
  /** Integral of busy slots over time, for utilization and idle cost. */
  busySlotSeconds = 0;
  /** Start of the current billing segment (a resize starts a new one), and the busy integral then. */
  billedSinceS: number;
  busyAtBilledSince = 0;
  private busySinceS = 0;

  constructor(
    readonly id: number,
    public type: InstanceType,
    readonly pool: Pool,
    readonly slots: number,
    readonly requestedAtS: number,
  ) {
    this.billedSinceS = requestedAtS;
  }

  get typeName(): string {
    return this.type.name;
  }

  get freeSlots(): number {
    if (this.bound) return 0;
    return this.state === "idle" || this.state === "busy" ? this.slots - this.busySlots : 0;
  }

  /** Adds `delta` busy slots at `nowS`, keeping the busy integral. */
  changeBusy(delta: number, nowS: number): void {
    this.busySlotSeconds += this.busySlots * (nowS - this.busySinceS);
    this.busySinceS = nowS;
    this.busySlots += delta;
  }

  /** Closes the busy integral at `nowS` (termination or end of run). */
  settle(nowS: number): void {
    this.changeBusy(0, nowS);
  }
}
