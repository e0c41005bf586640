/** /metrics: decisions counted by hook, their latency, and the pool sizes the decisions ask for. */
import { expect, test } from "vitest";
import { z } from "zod";
import { DEFAULT_CATALOG } from "../../sim/model/catalog/default-catalog.js";
import { typeViewOf } from "../../sim/model/type-view.js";
import type { FleetData } from "../../sim/policies/fleet-data.js";
import { findPolicy } from "../../sim/policies/registry.js";
import type { Policy } from "../../sim/policies/types.js";
import { desiredSizes } from "../../sim/serve/metrics.js";
import { serve } from "../support/serve-client.js";

const TYPES = [...DEFAULT_CATALOG.values()].map(typeViewOf);

test("decisions, their latency and the desired pool sizes are exported", async () => {
  const hybrid = findPolicy("hybrid-histogram")!;
  const s = await serve([
    { name: "warm", policy: hybrid, config: hybrid.configSchema.parse({ type: "lambda-1769" }) },
  ]);
  try {
    const fleet: FleetData = { nowS: 0, pools: [], types: TYPES };
    await s.call("/policies/warm/init", { fleet });
    for (let k = 0; k < 3; k++)
      await s.call("/policies/warm/decide/arrival", {
        observation: { id: k, functionId: 4, arrivalS: 0, features: null },
        fleet,
      });
    const res = await fetch(`${s.base}/metrics`);
    expect(res.headers.get("content-type")).toMatch(/^text\/plain/);
    const text = await res.text();
    expect(text).toContain(
      'provisim_decisions_total{instance="warm",policy="hybrid-histogram",hook="arrival"} 3',
    );
    expect(text).toContain(
      'provisim_decisions_total{instance="warm",policy="hybrid-histogram",hook="init"} 1',
    );
    expect(text).toContain('provisim_decision_seconds_count{instance="warm",hook="arrival"} 3');
    // Each arrival saw an empty fleet and asked for one instance in fn-4.
    expect(text).toContain('provisim_desired_pool_size{instance="warm",pool="fn-4"} 1');
  } finally {
    await s.close();
  }
});

test("a pool's desired size: what it has, plus provisions, less immediate releases", () => {
  const fleet: FleetData = {
    nowS: 0,
    types: TYPES,
    pools: [
      {
        id: "p",
        functionId: -1,
        routing: "least-loaded",
        concurrency: 1,
        queueLength: 0,
        booting: 1,
        ready: 2,
        draining: 0,
        idle: 1,
        busySlots: 1,
        freeSlots: 1,
        bootingSlots: 1,
        busySlotSeconds: 0,
        readySlotSeconds: 0,
        instances: [7, 8, 9].map((id) => ({
          id,
          pool: "p",
          typeName: "m5.large",
          state: "idle" as const,
          runningRequestIds: [],
          slots: 1,
          busySlots: 0,
          freeSlots: 1,
          requestedAtS: 0,
          readyAtS: 0,
          idleSinceS: 0,
          // An idle m5.large: all of it free.
          free: { vcpu: 2, memMiB: 8192, gpus: 0, networkMbps: 750 },
          allocations: [],
        })),
      },
    ],
  };
  const sizes = desiredSizes(fleet, [
    { kind: "provision", pool: "p", type: "m5.large", count: 2 },
    { kind: "release", instanceId: 7 },
    { kind: "release", instanceId: 8, afterIdleS: 60 },
    { kind: "provision", pool: "q", type: "m5.large", count: 1 },
  ]);
  expect([...sizes]).toEqual([
    ["p", 4],
    ["q", 1],
  ]);
});

test("predictions are scored against the completions reported", async () => {
  const predicting: Policy<object, null> = {
    name: "predicting",
    description: "predicts 2 s and at most 1 CPU-second for every request",
    configSchema: z.object({}),
    typesUsed: () => [],
    init: () => ({ state: null, actions: [] }),
    onArrival: (state, _c, r) => ({
      state,
      actions: [
        {
          kind: "predict",
          requestId: r.id,
          serviceS: 2,
          envelope: { cpuSeconds: [0, 1], confidence: 0.9 },
        },
      ],
    }),
  };
  const s = await serve([{ name: "p", policy: predicting as Policy, config: {} }]);
  try {
    const fleet: FleetData = { nowS: 0, pools: [], types: TYPES };
    await s.call("/policies/p/init", { fleet });
    const request = (id: number) => ({ id, functionId: 4, arrivalS: 0, features: null });
    for (const id of [1, 2, 3])
      await s.call("/policies/p/decide/arrival", { observation: request(id), fleet });
    // Request 1 took 1 s (error 1) inside its envelope; request 2 took 4 s (error 0.5) outside it.
    for (const [id, serviceS, cpuSeconds] of [
      [1, 1, 0.5],
      [2, 4, 3],
      [9, 1, 0.5], // never predicted: not scored
    ] as const)
      await s.call("/policies/p/feedback/completion", {
        observation: {
          request: request(id),
          outcome: "completed",
          latencyS: serviceS,
          serviceS,
          instanceId: 1,
          instanceType: "lambda-1769",
          cpuSeconds,
          peakMemMiB: 100,
          memLimitMiB: 1769,
          ioReadBytes: 0,
          ioWriteBytes: 0,
          costUsd: 0,
        },
        fleet,
      });
    const text = await (await fetch(`${s.base}/metrics`)).text();
    expect(text).toContain(
      'provisim_prediction_error_ratio_count{instance="p",figure="serviceS"} 2',
    );
    expect(text).toContain(
      'provisim_prediction_error_ratio_sum{instance="p",figure="serviceS"} 1.5',
    );
    expect(text).toContain('provisim_envelope_checks_total{instance="p",held="true"} 1');
    expect(text).toContain('provisim_envelope_checks_total{instance="p",held="false"} 1');
    expect(text).toContain('provisim_envelope_stated_confidence{instance="p"} 0.9');
    expect(text).not.toContain('figure="cpuSeconds"');
  } finally {
    await s.close();
  }
});
