/**
 * The policy contract, checked for every registered policy: its state is
 * plain JSON and survives a round trip at every step with the same later
 * decisions; it decides the same from the JSON of what it sees as from the
 * model's view (what `sim serve` relies on); and it leaves what it is shown
 * as it was.
 */
import { readdirSync } from "node:fs";
import { join } from "node:path";
import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { DEFAULT_CATALOG } from "../../sim/model/catalog/default-catalog.js";
import { typeViewOf } from "../../sim/model/type-view.js";
import { fleetFromData, type FleetData, type PoolData } from "../../sim/policies/fleet-data.js";
import { keepAlive } from "../../sim/policies/pieces/keep-alive.js";
import { allPolicies } from "../../sim/policies/registry.js";
import type {
  Decision,
  InstanceState,
  InstanceView,
  TypeView,
  Policy,
  PolicyContext,
} from "../../sim/policies/types.js";
import { RandomStreams } from "../../sim/random/streams.js";
import { loadAndValidate, runScenario } from "../../sim/run/pipeline.js";
import { notJson, roundTrip } from "../support/json-value.js";
import { twinPolicy } from "../support/twin-policy.js";

const SCENARIOS = readdirSync("scenarios")
  .filter((f) => f.endsWith(".yaml"))
  .map((f) => join("scenarios", f));

/** Every (policy, config) pair the bundled scenarios use. */
const configs = SCENARIOS.flatMap((f) =>
  loadAndValidate(f).policies.map((p) => ({
    file: f,
    label: p.label,
    policy: p.policy,
    config: p.config,
  })),
);

test("every registered policy runs in a bundled scenario", () => {
  const used = new Set(configs.map((c) => c.policy.name));
  expect(
    allPolicies()
      .map((p) => p.name)
      .filter((n) => !used.has(n)),
  ).toEqual([]);
});

describe("a run decides the same from JSON as from the model's view", () => {
  test.each(SCENARIOS)("%s", async (file) => {
    const s = loadAndValidate(file);
    const twins = s.policies.map((p) => twinPolicy(p.policy, 200));
    await runScenario({
      ...s,
      horizonS: Math.min(s.horizonS, 900),
      replications: 1,
      policies: s.policies.map((p, i) => ({ ...p, policy: twins[i]!.policy })),
    });
    for (const t of twins) {
      expect(t.problems.slice(0, 3)).toEqual([]);
      expect(t.calls.get("init")).toBe(1);
    }
  });
});

// Random observations: a fleet of pools whose counters agree with their instances.
const STATES: InstanceState[] = ["booting", "idle", "busy", "draining"];
const TYPES = [...DEFAULT_CATALOG.values()].map(typeViewOf);

const instanceArb = (pool: string, id: number) =>
  fc
    .record({
      state: fc.constantFrom(...STATES),
      slots: fc.integer({ min: 1, max: 4 }),
      busy: fc.nat(4),
    })
    .map(({ state, slots, busy }): InstanceView => {
      const busySlots =
        state === "busy" || state === "draining" ? Math.max(1, Math.min(busy, slots)) : 0;
      return {
        id,
        pool,
        typeName: TYPES[id % TYPES.length]!.name,
        state,
        runningRequestIds: Array.from({ length: busySlots }, (_, k) => id * 10 + k),
        slots,
        busySlots,
        freeSlots: state === "idle" || state === "busy" ? slots - busySlots : 0,
        requestedAtS: 0,
        readyAtS: state === "booting" ? null : 1,
        idleSinceS: state === "idle" ? 2 : null,
        ...packing(TYPES[id % TYPES.length]!, slots, busySlots, id),
      };
    });

/** The free capacity and allocations of equal slots: each running request holds its share. */
function packing(type: TypeView, slots: number, busySlots: number, id: number) {
  const share = {
    vcpu: type.vcpu / slots,
    memMiB: type.memMiB / slots,
    gpus: type.gpus / slots,
    networkMbps: type.networkMbps / slots,
  };
  const left = (slots - busySlots) / slots;
  return {
    free: {
      vcpu: type.vcpu * left,
      memMiB: type.memMiB * left,
      gpus: type.gpus * left,
      networkMbps: type.networkMbps * left,
    },
    allocations: Array.from({ length: busySlots }, (_, k) => ({
      requestId: id * 10 + k,
      ...share,
    })),
  };
}

const poolArb = (id: string, functionId: number) =>
  fc
    .tuple(fc.integer({ min: 0, max: 6 }), fc.nat(20), fc.double({ min: 0, max: 1, noNaN: true }))
    .chain(([n, queueLength, share]) =>
      fc
        .tuple(...Array.from({ length: n }, (_, k) => instanceArb(id, (functionId + 2) * 100 + k)))
        .map((instances): PoolData => {
          const count = (s: InstanceState) => instances.filter((i) => i.state === s).length;
          const ready = instances.filter((i) => i.state === "idle" || i.state === "busy");
          const readySlots = ready.reduce((a, i) => a + i.slots, 0);
          const busySlots = ready.reduce((a, i) => a + i.busySlots, 0);
          return {
            id,
            functionId,
            routing: "least-loaded",
            concurrency: 1,
            queueLength,
            booting: count("booting"),
            ready: ready.length,
            draining: count("draining"),
            idle: count("idle"),
            busySlots,
            freeSlots: readySlots - busySlots,
            bootingSlots: instances
              .filter((i) => i.state === "booting")
              .reduce((a, i) => a + i.slots, 0),
            busySlotSeconds: 1000 * share * readySlots,
            readySlotSeconds: 1000 * readySlots,
            instances,
          };
        }),
    );

const fleetArb = (nowS: number) =>
  fc
    .tuple(
      poolArb("default", -1),
      fc.subarray([0, 1, 2]).chain((fns) => fc.tuple(...fns.map((f) => poolArb(`fn-${f}`, f)))),
    )
    .map(([d, rest]): FleetData => ({ nowS, pools: [d, ...rest], types: TYPES }));

type Step =
  | { hook: "onTick" }
  | { hook: "onArrival"; functionId: number }
  | { hook: "onNotice"; functionId: number }
  | { hook: "onIdle" }
  | { hook: "onTimer"; key: string }
  | { hook: "onUsage"; functionId: number; frac: number }
  | { hook: "onCompletion"; functionId: number; failed: boolean };

const stepArb: fc.Arbitrary<Step> = fc.oneof(
  fc.constant({ hook: "onTick" as const }),
  fc.record({ hook: fc.constant("onArrival" as const), functionId: fc.nat(3) }),
  fc.record({ hook: fc.constant("onNotice" as const), functionId: fc.nat(3) }),
  fc.constant({ hook: "onIdle" as const }),
  fc.record({ hook: fc.constant("onTimer" as const), key: fc.string({ maxLength: 6 }) }),
  fc.record({
    hook: fc.constant("onUsage" as const),
    functionId: fc.nat(3),
    frac: fc.double({ min: 0, max: 1, noNaN: true }),
  }),
  fc.record({
    hook: fc.constant("onCompletion" as const),
    functionId: fc.nat(3),
    failed: fc.boolean(),
  }),
);

/** One hook call of a step on a fleet, or null if the policy has no such hook. */
function call(
  p: Policy<unknown, unknown>,
  config: unknown,
  state: unknown,
  step: Step,
  data: FleetData,
  ctx: PolicyContext,
  id: number,
): Decision<unknown> | null {
  const fleet = fleetFromData(data);
  const request = {
    id,
    functionId: 0,
    arrivalS: data.nowS,
    features: { complexityScore: id % 100 },
  };
  switch (step.hook) {
    case "onTick":
      return p.onTick?.(state, config, fleet, ctx) ?? null;
    case "onArrival":
      return (
        p.onArrival?.(state, config, { ...request, functionId: step.functionId }, fleet, ctx) ??
        null
      );
    case "onNotice":
      return (
        p.onNotice?.(
          state,
          config,
          { functionId: step.functionId, expectedArrivalS: data.nowS + 5, features: null },
          fleet,
          ctx,
        ) ?? null
      );
    case "onIdle": {
      const inst = data.pools.flatMap((pool) => pool.instances).find((i) => i.state === "idle");
      return inst ? (p.onIdle?.(state, config, inst, fleet, ctx) ?? null) : null;
    }
    case "onTimer":
      return p.onTimer?.(state, config, step.key, fleet, ctx) ?? null;
    case "onUsage":
      return (
        p.onUsage?.(
          state,
          config,
          {
            request: { ...request, functionId: step.functionId },
            instanceId: 1,
            instanceType: TYPES[0]!.name,
            elapsedS: 10 * step.frac,
            cpuSeconds: 8 * step.frac,
            memMiB: 900 * step.frac,
            peakMemMiB: 900 * step.frac,
            memLimitMiB: 1024,
            ioReadBytes: 1e6 * step.frac,
            ioWriteBytes: 2e5 * step.frac,
          },
          fleet,
          ctx,
        ) ?? null
      );
    case "onCompletion":
      return (
        p.onCompletion?.(
          state,
          config,
          {
            request: { ...request, functionId: step.functionId },
            outcome: step.failed ? "failed" : "completed",
            latencyS: 1.5,
            serviceS: 1,
            instanceId: 1,
            instanceType: TYPES[0]!.name,
            cpuSeconds: 0.8,
            peakMemMiB: 300,
            memLimitMiB: 1024,
            ioReadBytes: 4096,
            ioWriteBytes: 0,
            costUsd: 0.0001,
          },
          fleet,
          ctx,
        ) ?? null
      );
  }
}

/** Steps of a policy's life: each a hook call, the seconds since the last, and the fleet then. */
const stepsArb = () =>
  fc.array(
    fc
      .tuple(stepArb, fc.integer({ min: 1, max: 120 }))
      .chain(([step, dt]) => fc.tuple(fc.constant(step), fc.constant(dt), fleetArb(0))),
    { minLength: 1, maxLength: 30 },
  );

const contextAt = (nowS: number, random: () => number): PolicyContext => ({
  nowS,
  random,
  log: () => {},
});

describe("state survives a JSON round trip at every step, with the same later decisions", () => {
  test.each(configs.map((c) => [`${c.file} ${c.label}`, c] as const))("%s", (_name, c) => {
    const p = c.policy as Policy<unknown, unknown>;
    fc.assert(
      fc.property(fleetArb(0), stepsArb(), fc.integer(), (first, steps, seed) => {
        const liveRandom = new RandomStreams(seed).stream("policy");
        const twinRandom = new RandomStreams(seed).stream("policy");
        let live = p.init(c.config, fleetFromData(first), contextAt(0, liveRandom)).state;
        let twin = roundTrip(
          p.init(c.config, fleetFromData(first), contextAt(0, twinRandom)).state,
        );
        let nowS = 0;
        steps.forEach(([step, dt, fleet], k) => {
          nowS += dt;
          const data = Object.freeze({ ...fleet, nowS });
          const a = call(p, c.config, live, step, data, contextAt(nowS, liveRandom), k);
          const b = call(p, c.config, twin, step, roundTrip(data), contextAt(nowS, twinRandom), k);
          if (!a || !b) return;
          expect(notJson(a.state ?? null, "state")).toBeNull();
          expect(notJson(a.actions, "actions")).toBeNull();
          expect(JSON.stringify(b)).toBe(JSON.stringify(a));
          live = a.state;
          twin = roundTrip(b.state);
        });
      }),
      { numRuns: 60 },
    );
  });
});

describe("a declared keep-alive is what onIdle decides, whatever came before", () => {
  const declaring = configs.filter(
    (c) => (c.policy as Policy<unknown, unknown>).idleKeepAliveS?.(c.config) !== undefined,
  );
  test("some bundled scenario declares one", () => expect(declaring.length).toBeGreaterThan(0));
  test.each(declaring.map((c) => [`${c.file} ${c.label}`, c] as const))("%s", (_name, c) => {
    const p = c.policy as Policy<unknown, unknown>;
    const seconds = p.idleKeepAliveS!(c.config)!;
    let checked = 0;
    fc.assert(
      fc.property(fleetArb(0), stepsArb(), fc.integer(), (first, steps, seed) => {
        const random = new RandomStreams(seed).stream("policy");
        let state = p.init(c.config, fleetFromData(first), contextAt(0, random)).state;
        let nowS = 0;
        steps.forEach(([step, dt, fleet], k) => {
          nowS += dt;
          const data = Object.freeze({ ...fleet, nowS });
          for (const inst of data.pools.flatMap((x) => x.instances)) {
            if (inst.state !== "idle") continue;
            const d = p.onIdle!(
              state,
              c.config,
              inst,
              fleetFromData(data),
              contextAt(nowS, random),
            );
            expect(d.state).toBe(state);
            expect(d.actions).toEqual([keepAlive(inst, seconds)]);
            checked++;
          }
          state = call(p, c.config, state, step, data, contextAt(nowS, random), k)?.state ?? state;
        });
      }),
      { numRuns: 60 },
    );
    // The fleets drawn hold idle instances: onIdle was asked, not skipped.
    expect(checked).toBeGreaterThan(0);
  });
});

describe("the checks can fail", () => {
  test("a policy keeping a Map in its state is caught", async () => {
    const s = loadAndValidate("scenarios/quickstart.yaml");
    const base = s.policies[0]!.policy as Policy<unknown, unknown>;
    const leaky: Policy<unknown, unknown> = {
      ...base,
      name: "leaky",
      init: (c, f, ctx) => ({
        ...base.init(c, f, ctx),
        state: { seen: new Map<number, number>() },
      }),
      // Counts arrivals in a Map, which JSON cannot carry.
      onArrival: (state, _c, r) => {
        (state as { seen: Map<number, number> }).seen.set(r.id, 1);
        return { state, actions: [{ kind: "route", pool: "default" }] };
      },
    };
    const twin = twinPolicy(leaky as Policy, 1);
    await runScenario({
      ...s,
      horizonS: 60,
      replications: 1,
      policies: [{ ...s.policies[0]!, policy: twin.policy }],
    });
    expect(twin.problems.some((p) => p.includes("state.seen is a Map"))).toBe(true);
  });
});
