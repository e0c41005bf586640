/**
 * Places a container on a node pool, best fit; with no room, it waits in
 * the pool's line and a VM is added when the line is longer than the VMs
 * booting will take (as the cluster autoscaler adds nodes for pending pods).
 */
import { bestFit } from "../best-fit.js";
import type { Action, Allocation, FleetView } from "../../types.js";

export function placePacked(
  fleet: FleetView,
  pool: string,
  type: string,
  allocation: Allocation,
  maxInstances: number,
  concurrency: number,
): Action[] {
  const vm = fleet.type(type)!;
  const instances = fleet.instances(pool);
  const fit = bestFit(instances, allocation, () => vm);
  if (fit) return [{ kind: "place", instanceId: fit.id, allocation }];
  const actions: Action[] = [];
  const booting = instances.filter((i) => i.state === "booting");
  const queued = fleet.pool(pool)?.queueLength ?? 0;
  const perVm = Math.max(
    1,
    Math.min(
      concurrency,
      Math.floor(vm.vcpu / allocation.vcpu),
      Math.floor(vm.memMiB / allocation.memMiB),
    ),
  );
  if (queued + 1 > booting.length * perVm && instances.length < maxInstances)
    actions.push({ kind: "provision", pool, type, count: 1 });
  const anchor = booting[0] ?? instances.at(-1);
  if (anchor) actions.push({ kind: "place", instanceId: anchor.id, allocation });
  return actions;
}
