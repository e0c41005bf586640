/**
 * The behavioral-envelope policy: envelopes from the profile database, the
 * confidence a small profile can state, containers sized inside them and
 * placed best fit, growth during execution, and a margin bandit that moves
 * away from a margin that runs out of memory.
 */
import { describe, expect, test } from "vitest";
import { DEFAULT_CATALOG } from "../../sim/model/catalog/default-catalog.js";
import { typeViewOf } from "../../sim/model/type-view.js";
import {
  behavioralEnvelopePolicy as policy,
  type BehavioralEnvelopeConfig,
} from "../../sim/policies/behavioral-envelope.js";
import { fleetFromData } from "../../sim/policies/fleet-data.js";
import { envelopeOf, quantileOf } from "../../sim/policies/pieces/envelope/envelope-of.js";
import type {
  CompletionFeedback,
  InstanceView,
  PolicyContext,
  RequestView,
  UsageSample,
} from "../../sim/policies/types.js";
import { ProfileBook } from "../../sim/profiles/profile-book.js";
import { defaultPool } from "../support/pool-data.js";
import type { MetricStats, ProfileObservation } from "../../sim/profiles/types.js";

const TYPE = "c5.2xlarge"; // 8 vCPU, 16 GiB
const view = typeViewOf(DEFAULT_CATALOG.get(TYPE)!);
const config: BehavioralEnvelopeConfig = policy.configSchema.parse({
  type: TYPE,
  latencyTarget: "10s",
});

function instance(
  id: number,
  freeVcpu: number,
  freeMemMiB: number,
  held?: InstanceView["allocations"][number],
): InstanceView {
  return {
    id,
    pool: "default",
    typeName: TYPE,
    state: "busy",
    runningRequestIds: held ? [held.requestId] : [],
    slots: 32,
    busySlots: held ? 1 : 0,
    freeSlots: 31,
    requestedAtS: 0,
    readyAtS: 0,
    idleSinceS: null,
    free: { vcpu: freeVcpu, memMiB: freeMemMiB, gpus: 0, networkMbps: view.networkMbps },
    allocations: held ? [held] : [],
  };
}

function fleet(instances: InstanceView[]) {
  return fleetFromData({ nowS: 100, types: [view], pools: [defaultPool(instances)] });
}

const request = (id: number, inputHash = "00000000000000aa"): RequestView => ({
  id,
  functionId: 3,
  arrivalS: 100,
  features: null,
  codeId: "prog.py",
  inputHash,
});

function observation(i: number, inputHash: string, memMiB: number): ProfileObservation {
  return {
    codeId: "prog.py",
    codeVersion: "",
    timestampS: i,
    inputHash,
    cpuSeconds: 1 + (i % 10) / 10,
    peakMemMiB: memMiB + (i % 10) * 10,
    ioReadBytes: 0,
    ioWriteBytes: 0,
    executionS: 0.5 + (i % 10) / 20,
    sequenceId: "s",
  };
}

function ctxWith(book?: ProfileBook): PolicyContext {
  return { nowS: 100, random: () => 0.5, log: () => {}, ...(book ? { profiles: book } : {}) };
}

const stats = (min: number, p50: number, p90: number, p99: number, max: number): MetricStats => ({
  mean: p50,
  min,
  max,
  p50,
  p90,
  p99,
});

describe("envelopes from profiles", () => {
  test("quantiles interpolate through min, p50, p90, p99 and max", () => {
    const m = stats(0, 50, 90, 99, 100);
    expect(quantileOf(m, 0.25)).toBeCloseTo(25);
    expect(quantileOf(m, 0.95)).toBeCloseTo(95);
    expect(quantileOf(m, 0.995)).toBeCloseTo(99.5);
    expect(quantileOf(m, 1.5)).toBe(100);
  });

  test("a large profile gives central 95% ranges for a 90% joint envelope", () => {
    const book = new ProfileBook();
    for (let i = 0; i < 200; i++) book.record(observation(i, "00000000000000aa", 1000));
    const p = book.profile({ codeId: "prog.py", inputHash: "00000000000000aa" })!;
    const env = envelopeOf(p, 0.9);
    expect(env.confidence).toBeCloseTo(0.9);
    const m = p.metrics.peakMemMiB;
    expect(env.peakMemMiB[0]).toBeCloseTo(quantileOf(m, 0.025));
    expect(env.peakMemMiB[1]).toBeCloseTo(quantileOf(m, 0.975));
    expect(env.peakMemMiB[0]).toBeGreaterThanOrEqual(1000);
    expect(env.peakMemMiB[1]).toBeLessThanOrEqual(1090);
  });

  test("a profile of few observations states only what its min..max can hold", () => {
    const book = new ProfileBook();
    for (let i = 0; i < 9; i++) book.record(observation(i, "00000000000000aa", 1000));
    const env = envelopeOf(
      book.profile({ codeId: "prog.py", inputHash: "00000000000000aa" })!,
      0.9,
    );
    // 9 observations: 8 of 10 next ones inside [min, max] per range; both: 1 - 2 * 0.2.
    expect(env.confidence).toBeCloseTo(0.6);
    expect(env.peakMemMiB).toEqual([1000, 1080]);
  });
});

describe("behavioral-envelope", () => {
  const roomy = [instance(1, 2, 3000), instance(2, 8, 16000)];

  test("with no profile: the default container times the chosen margin, and no prediction", () => {
    const s = policy.init(config, fleet(roomy), ctxWith()).state;
    const d = policy.onArrival!(s, config, request(1), fleet(roomy), ctxWith());
    expect(d.actions.some((a) => a.kind === "predict")).toBe(false);
    const place = d.actions.find((a) => a.kind === "place")!;
    // An untried bandit's margins tie, and a tie goes to the first.
    const margin = config.margins[0]!;
    expect(place).toMatchObject({ kind: "place" });
    const a = (place as { allocation: { vcpu: number; memMiB: number } }).allocation;
    expect(a.memMiB).toBe(Math.ceil(1024 * margin));
    expect(a.vcpu).toBeCloseTo(1 * margin, 3);
  });

  test("with the input's profile: its envelope is predicted and the container sized inside it", () => {
    const book = new ProfileBook();
    for (let i = 0; i < 100; i++) book.record(observation(i, "00000000000000aa", 2000));
    for (let i = 0; i < 100; i++) book.record(observation(i, "00000000000000bb", 200));
    const s = policy.init(config, fleet(roomy), ctxWith(book)).state;
    const big = policy.onArrival!(s, config, request(1), fleet(roomy), ctxWith(book));
    const small = policy.onArrival!(
      s,
      config,
      request(2, "00000000000000bb"),
      fleet(roomy),
      ctxWith(book),
    );
    const predict = big.actions.find((a) => a.kind === "predict") as {
      envelope: { peakMemMiB: readonly [number, number]; confidence: number };
    };
    expect(predict.envelope.confidence).toBeCloseTo(0.9);
    const memOf = (d: typeof big) =>
      (d.actions.find((a) => a.kind === "place") as { allocation: { memMiB: number } }).allocation
        .memMiB;
    const margin = config.margins[0]!;
    expect(memOf(big)).toBe(Math.ceil(predict.envelope.peakMemMiB[1] * margin));
    // Different inputs of one program get different containers.
    expect(memOf(small)).toBeLessThan(memOf(big) / 5);
    // The small one fits best on the fuller VM.
    expect(
      (small.actions.find((a) => a.kind === "place") as { instanceId: number }).instanceId,
    ).toBe(1);
  });

  test("an input with too few observations falls back to its program's envelope", () => {
    const book = new ProfileBook();
    for (let i = 0; i < 50; i++) book.record(observation(i, "00000000000000bb", 500));
    book.record(observation(0, "00000000000000aa", 4000));
    const s = policy.init(config, fleet(roomy), ctxWith(book)).state;
    const d = policy.onArrival!(s, config, request(1), fleet(roomy), ctxWith(book));
    const predict = d.actions.find((a) => a.kind === "predict") as {
      envelope: { peakMemMiB: readonly [number, number] };
    };
    // The program's range spans both inputs: above all of the 500 MiB input's (at most 590).
    expect(predict.envelope.peakMemMiB[1]).toBeGreaterThan(1000);
    expect(predict.envelope.peakMemMiB[0]).toBeGreaterThanOrEqual(500);
  });

  test("a request nearing its memory limit is grown in place", () => {
    const held = { requestId: 7, vcpu: 1, memMiB: 1000, gpus: 0, networkMbps: 0 };
    const f = fleet([instance(1, 4, 8000, held)]);
    const s = policy.init(config, f, ctxWith()).state;
    const sample: UsageSample = {
      request: request(7),
      instanceId: 1,
      instanceType: TYPE,
      elapsedS: 1,
      cpuSeconds: 1,
      memMiB: 900,
      peakMemMiB: 900,
      memLimitMiB: 1000,
      ioReadBytes: 0,
      ioWriteBytes: 0,
    };
    const d = policy.onUsage!(s, config, sample, f, ctxWith());
    expect(d.actions).toEqual([
      { kind: "resizeAllocation", requestId: 7, allocation: { vcpu: 1, memMiB: 1500 } },
    ]);
    const calm = policy.onUsage!(s, config, { ...sample, peakMemMiB: 500 }, f, ctxWith());
    expect(calm.actions).toEqual([]);
  });

  test("the bandit leaves a margin that runs out of memory for one that does not", () => {
    const book = new ProfileBook();
    for (let i = 0; i < 100; i++) book.record(observation(i, "00000000000000aa", 2000));
    const ctx = ctxWith(book);
    let s = policy.init(config, fleet(roomy), ctx).state;
    const chosen: number[] = [];
    for (let id = 1; id <= 300; id++) {
      const d = policy.onArrival!(s, config, request(id), fleet(roomy), ctx);
      s = d.state;
      const a = (d.actions.find((x) => x.kind === "place") as { allocation: { memMiB: number } })
        .allocation;
      chosen.push(a.memMiB);
      // The true need: 2300 MiB, above the envelope's upper end (about 2090).
      const fails = a.memMiB < 2300;
      const fb: CompletionFeedback = {
        request: request(id),
        outcome: fails ? "failed" : "completed",
        latencyS: 1,
        serviceS: 1,
        instanceId: 2,
        instanceType: TYPE,
        cpuSeconds: 1,
        peakMemMiB: fails ? a.memMiB : 2300,
        memLimitMiB: a.memMiB,
        ioReadBytes: 0,
        ioWriteBytes: 0,
        costUsd: 0,
      };
      s = policy.onCompletion!(s, config, fb, fleet(roomy), ctx).state;
    }
    const late = chosen.slice(-100);
    expect(late.filter((m) => m >= 2300).length).toBeGreaterThan(90);
    // Not the largest margin either: it costs more for nothing.
    const largest = Math.max(...chosen);
    expect(late.filter((m) => m === largest).length).toBeLessThan(50);
    expect(s.running).toHaveLength(0);
  });

  test("the confidence stated moves from the bound to what such envelopes held", () => {
    const book = new ProfileBook();
    for (let i = 0; i < 100; i++) book.record(observation(i, "00000000000000aa", 2000));
    const ctx = ctxWith(book);
    let s = policy.init(config, fleet(roomy), ctx).state;
    const stated = (id: number) => {
      const d = policy.onArrival!(s, config, request(id), fleet(roomy), ctx);
      s = d.state;
      const p = d.actions.find((a) => a.kind === "predict") as {
        envelope: {
          cpuSeconds: readonly [number, number];
          peakMemMiB: readonly [number, number];
          confidence: number;
        };
      };
      return p.envelope;
    };
    const first = stated(1);
    expect(first.confidence).toBeCloseTo(0.9);
    // Every completion inside the envelope: its median CPU and memory.
    const inside = (id: number): CompletionFeedback => ({
      request: request(id),
      outcome: "completed",
      latencyS: 1,
      serviceS: 1,
      instanceId: 2,
      instanceType: TYPE,
      cpuSeconds: (first.cpuSeconds[0] + first.cpuSeconds[1]) / 2,
      peakMemMiB: (first.peakMemMiB[0] + first.peakMemMiB[1]) / 2,
      memLimitMiB: 4096,
      ioReadBytes: 0,
      ioWriteBytes: 0,
      costUsd: 0,
    });
    s = policy.onCompletion!(s, config, inside(1), fleet(roomy), ctx).state;
    for (let id = 2; id <= 80; id++) {
      stated(id);
      s = policy.onCompletion!(s, config, inside(id), fleet(roomy), ctx).state;
    }
    const later = stated(81);
    expect(later.confidence).toBeGreaterThan(0.97);
    // The ranges themselves do not move: only what they are said to hold.
    expect(later.peakMemMiB).toEqual(first.peakMemMiB);
  });
});
