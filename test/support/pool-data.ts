/** A policy's one-pool fleet data for tests: the pool "default" holding `instances`, its counters from them. */
import type { PoolData } from "../../sim/policies/fleet-data.js";
import type { InstanceView } from "../../sim/policies/types.js";

export function defaultPool(instances: InstanceView[]): PoolData {
  const sum = (f: (i: InstanceView) => number) => instances.reduce((a, i) => a + f(i), 0);
  return {
    id: "default",
    functionId: -1,
    routing: "least-loaded",
    concurrency: 32,
    queueLength: 0,
    booting: 0,
    ready: instances.length,
    draining: 0,
    idle: instances.filter((i) => i.state === "idle").length,
    busySlots: sum((i) => i.busySlots),
    freeSlots: sum((i) => i.freeSlots),
    bootingSlots: 0,
    busySlotSeconds: 0,
    readySlotSeconds: 0,
    instances,
  };
}
