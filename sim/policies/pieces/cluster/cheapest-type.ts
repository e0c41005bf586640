/**
 * The VM type to scale out with for a container: of the types that can
 * hold it, the one whose price per container it holds is lowest (a large
 * VM full of small containers can beat a small one that holds one).
 */
import type { Allocation, FleetView, TypeView } from "../../types.js";

/** Containers of `a` a VM of type `t` holds, at most `concurrency`. */
export function containersOn(t: TypeView, a: Allocation, concurrency: number): number {
  const byCpu = Math.floor(t.vcpu / a.vcpu + 1e-9);
  const byMem = Math.floor(t.memMiB / a.memMiB + 1e-9);
  const byNet = a.networkMbps ? Math.floor(t.networkMbps / a.networkMbps + 1e-9) : Infinity;
  return Math.min(concurrency, byCpu, byMem, byNet);
}

export function cheapestType(
  types: readonly string[],
  a: Allocation,
  concurrency: number,
  fleet: FleetView,
): TypeView | undefined {
  let best: TypeView | undefined;
  let bestPrice = Infinity;
  for (const name of types) {
    const t = fleet.type(name);
    if (!t || t.kind !== "vm") continue;
    const n = containersOn(t, a, concurrency);
    if (n < 1) continue;
    const price = t.usdPerHour / n;
    if (price < bestPrice) {
      best = t;
      bestPrice = price;
    }
  }
  return best;
}
