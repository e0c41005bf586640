/**
 * The pool sizes each policy instance wants, as the server last saw them:
 * for every pool of the fleet its last decision was given, the instances
 * booting or ready, with that decision's actions applied (a provision adds
 * its count, an immediate release takes one away, a deferred release
 * `afterIdleS` does not count until it happens; a pool first made by the
 * actions starts at 0). A pool absent from that fleet and untouched by the
 * actions is wanted at 0. The KEDA scaler and the usage stream answer from it.
 */
import type { FleetData } from "../policies/fleet-data.js";
import type { Action } from "../policies/types.js";
import { desiredSizes } from "./metrics.js";

export type PoolSizes = ReadonlyMap<string, number>;

type Listener = (instance: string, sizes: PoolSizes) => void;

export class DesiredPools {
  private readonly sizes = new Map<string, PoolSizes>();
  private readonly listeners = new Set<Listener>();

  /** One decision of `instance`: the fleet it saw and the actions it gave. */
  decided(instance: string, fleet: FleetData, actions: readonly Action[]): PoolSizes {
    const next = new Map<string, number>();
    for (const p of fleet.pools) next.set(p.id, p.booting + p.ready);
    for (const [pool, size] of desiredSizes(fleet, actions)) next.set(pool, size);
    const before = this.sizes.get(instance);
    this.sizes.set(instance, next);
    if (!before || !sameSizes(before, next)) for (const l of this.listeners) l(instance, next);
    return next;
  }

  /** The sizes after the instance's last decision; undefined before its first since start. */
  of(instance: string): PoolSizes | undefined {
    return this.sizes.get(instance);
  }

  /** Calls `l` whenever an instance's sizes change; returns the unsubscribe. */
  onChange(l: Listener): () => void {
    this.listeners.add(l);
    return () => this.listeners.delete(l);
  }
}

function sameSizes(a: PoolSizes, b: PoolSizes): boolean {
  if (a.size !== b.size) return false;
  for (const [k, v] of a) if (b.get(k) !== v) return false;
  return true;
}
