/**
 * Model throughput with allocations: a fixed fleet of m5.2xlarge, every
 * request placed round-robin in an allocation of its own (0.5 vCPU,
 * 512 MiB, 50 Mbps), against the same fleet serving the same requests in
 * equal slots (16 per instance: the same share), in the same process;
 * "allocations-observed" also samples usage every 10 s and takes every
 * completion's feedback (issue 11's combined floor: 500k requests/s).
 */
import { z } from "zod";
import { benchScenario, watching } from "./model.js";
import { runJob } from "../sim/run/run-job.js";
import type { Action, Policy } from "../sim/policies/types.js";

export type PackingMode = "slots" | "allocations" | "allocations-observed";

const INSTANCES = 40;
const PER_INSTANCE = 16;
const ALLOCATION = { vcpu: 0.5, memMiB: 512, networkMbps: 50 } as const;

/** Prewarmed instances get ids 1..INSTANCES in order; the policy cycles through them. */
function packingPolicy(mode: "slots" | "allocations"): Policy<unknown, number> {
  const toPool: readonly Action[] = [{ kind: "route", pool: "fleet" }];
  return {
    name: `bench-${mode}`,
    description: "a fixed fleet; each request in a slot, or placed in an allocation",
    configSchema: z.unknown(),
    typesUsed: () => ["m5.2xlarge"],
    init: () => ({
      state: 0,
      actions: [
        { kind: "pool", pool: "fleet", concurrency: PER_INSTANCE, routing: "least-loaded" },
        { kind: "provision", pool: "fleet", type: "m5.2xlarge", count: INSTANCES, prewarmed: true },
      ],
    }),
    onArrival: (cursor) =>
      mode === "slots"
        ? { state: cursor, actions: toPool }
        : {
            state: (cursor + 1) % INSTANCES,
            actions: [{ kind: "place", instanceId: cursor + 1, allocation: ALLOCATION }],
          },
  };
}

function policyOf(mode: PackingMode): Policy {
  if (mode === "allocations-observed") return watching(packingPolicy("allocations") as Policy);
  return packingPolicy(mode) as Policy;
}

function scenarioFor(requests: number) {
  return benchScenario("bench-allocations", requests, {
    policy: "static",
    config: { fleet: { "m5.2xlarge": 1 } },
  });
}

/** Runs one job of about `requests` requests; returns requests per wall second and per CPU-second. */
export async function packingThroughput(
  mode: PackingMode,
  requests: number,
): Promise<{ requests: number; perSecond: number; perCpuSecond: number; allocations: number }> {
  const base = scenarioFor(requests);
  const s = {
    ...base,
    policies: [{ label: mode, policy: policyOf(mode), config: {} }],
  };
  const c0 = process.cpuUsage();
  const t0 = process.hrtime.bigint();
  const { summary } = await runJob(s, { index: 0, policyIndex: 0, replication: 0 });
  const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
  const cpu = process.cpuUsage(c0);
  // CPU time (user and system) is the steadier figure while other jobs share the cores.
  const perCpuSecond = summary.requests / ((cpu.user + cpu.system) / 1e6);
  return {
    requests: summary.requests,
    perSecond: summary.requests / seconds,
    perCpuSecond,
    allocations: summary.allocations?.allocations ?? 0,
  };
}
