/**
 * Seeing execution (issue 11 section 4): usage samples at the interval a
 * policy sets, per request when an action says so, continuous across a
 * resize; and completion feedback with measured use and cost.
 */
import { z } from "zod";
import { describe, expect, test } from "vitest";
import { Scheduler } from "../../sim/engine/scheduler.js";
import { DEFAULT_CATALOG } from "../../sim/model/catalog/default-catalog.js";
import { Cluster } from "../../sim/model/cluster.js";
import type { MemoryProfile } from "../../sim/model/memory-profile.js";
import type { RequestSource, WorkRequest } from "../../sim/model/request.js";
import type { CompletionFeedback, Policy, UsageSample } from "../../sim/policies/types.js";
import { RandomStreams } from "../../sim/random/streams.js";

const TYPE = "c5.2xlarge"; // 8 vCPU, 16 GiB, $0.34 per hour

/** Reading 5 MB and writing 1 MB at the c5.2xlarge's 2.5 Gbps, after the compute. */
const IO_S = (6e6 * 8) / 2.5e9;

function request(
  id: number,
  arrivalS: number,
  memory?: MemoryProfile,
  cpuSeconds = 25,
  io = false,
): WorkRequest {
  return {
    id,
    arrivalS,
    functionId: id % 3,
    features: null,
    inputBytes: 1000 * id,
    inputHash: "00000000000000ff",
    codeId: "programs/sort.py",
    codeVersion: "3",
    // Serial: one core whatever the slot, 25 s unless given (then its IO, if any).
    demand: {
      cpuSeconds,
      parallelFraction: 0,
      memMiB: 2000,
      gpuSpeedup: 1,
      ...(io ? { ioReadBytes: 5e6, ioWriteBytes: 1e6 } : {}),
      ...(memory ? { memory } : {}),
    },
  };
}

function listSource(requests: WorkRequest[]): RequestSource {
  let i = 0;
  return { next: () => requests[i++] ?? null };
}

interface Seen {
  samples: UsageSample[];
  feedback: CompletionFeedback[];
}

function run(policy: Policy<unknown, unknown>, requests: WorkRequest[], horizonS = 200) {
  const scheduler = new Scheduler();
  const cluster = new Cluster(scheduler, {
    policyName: "test",
    policy: policy as Policy,
    policyConfig: {},
    catalog: DEFAULT_CATALOG,
    streams: new RandomStreams(3),
    horizonS,
    slaLatencyS: 100,
    queueCapacity: 1000,
    queueTimeoutS: Infinity,
    sampleIntervalS: 10,
    retryOutOfMemory: false,
    migrationFixedS: 1,
    migrationMiBPerS: 256,
  });
  cluster.start(listSource(requests));
  scheduler.run(horizonS);
  return cluster.finish();
}

/** A fixed pool of two 4-slot instances whose policy records what it sees. */
function watcher(parts: Partial<Policy<Seen, Seen>> = {}, usageS = 10): Policy<unknown, unknown> {
  const p: Policy<Seen, Seen> = {
    name: "test",
    description: "test",
    configSchema: z.unknown() as unknown as z.ZodType<Seen, unknown>,
    typesUsed: () => [TYPE],
    init: () => ({
      state: { samples: [], feedback: [] },
      actions: [
        { kind: "pool", pool: "default", concurrency: 4 },
        { kind: "provision", pool: "default", type: TYPE, count: 2, prewarmed: true },
      ],
    }),
    usageS: () => usageS,
    onUsage: (s, _c, sample) => ({ state: { ...s, samples: [...s.samples, sample] }, actions: [] }),
    onCompletion: (s, _c, fb) => ({ state: { ...s, feedback: [...s.feedback, fb] }, actions: [] }),
    ...parts,
  };
  return p as unknown as Policy<unknown, unknown>;
}

/** The policy's final state, read through a completion hook that keeps it. */
function seen(policy: Policy<unknown, unknown>, requests: WorkRequest[], horizonS = 200): Seen {
  let last: Seen = { samples: [], feedback: [] };
  const inner = policy.onCompletion!;
  const spy: Policy<unknown, unknown> = {
    ...policy,
    onCompletion: (s, c, fb, fleet, ctx) => {
      const d = inner(s, c, fb, fleet, ctx);
      last = d.state as Seen;
      return d;
    },
  };
  run(spy, requests, horizonS);
  return last;
}

describe("usage samples", () => {
  test("every usageS of execution, before the end, with use in proportion to the work done", () => {
    const { samples, feedback } = seen(watcher(), [request(1, 0), request(2, 3)]);
    const of1 = samples.filter((s) => s.request.id === 1);
    expect(of1.map((s) => s.elapsedS)).toEqual([10, 20]);
    expect(of1.map((s) => s.cpuSeconds)).toEqual([10, 20]);
    // No profile: memory grows linearly from 0 to the peak.
    expect(of1.map((s) => s.memMiB)).toEqual([800, 1600]);
    expect(of1.map((s) => s.peakMemMiB)).toEqual([800, 1600]);
    expect(of1[0]!.memLimitMiB).toBe(4096);
    expect(of1[0]!.request).toMatchObject({ inputBytes: 1000, codeId: "programs/sort.py" });
    expect(of1[0]!.request).not.toHaveProperty("demand");
    // Request 2 started at 3: its samples at 13 and 23, elapsed 10 and 20.
    expect(samples.filter((s) => s.request.id === 2).map((s) => s.elapsedS)).toEqual([10, 20]);
    expect(feedback).toHaveLength(2);
    // With IO the run lasts its compute and its IO, and use follows the time run.
    const withIo = seen(watcher(), [request(1, 0, undefined, 25, true)]).samples;
    expect(withIo.map((s) => s.elapsedS)).toEqual([10, 20]);
    withIo.forEach((s, i) =>
      expect(s.ioReadBytes).toBeCloseTo((5e6 * 10 * (i + 1)) / (25 + IO_S), 3),
    );
  });

  test("a sample falling where rounding puts start + k x every below k intervals comes once", () => {
    // Started at 0.0822, sampled every 2 s: (2.0822 - 0.0822) / 2 rounds below 1.
    let calls = 0;
    const policy = watcher(
      {
        onUsage: (s, _c, sample) => {
          if (++calls > 100) throw new Error(`sampled again at ${sample.elapsedS}`);
          return { state: { ...s, samples: [...s.samples, sample] }, actions: [] };
        },
      },
      2,
    );
    const { samples } = seen(policy, [request(1, 0.0822, undefined, 9)]);
    expect(samples.map((s) => Math.round(s.elapsedS))).toEqual([2, 4, 6, 8]);
  });

  test("profiles show in the samples: a late spike stays low until it comes", () => {
    const spike: MemoryProfile = { kind: "spike", baseFrac: 0.1, atFrac: 0.7 };
    const { samples } = seen(watcher({}, 5), [request(1, 0, spike)]);
    // 25 s of work: samples at 5..20 s are 0.2..0.8 of it.
    expect(samples.map((s) => s.memMiB)).toEqual([200, 200, 200, 2000]);
    const steady = seen(watcher({}, 5), [request(1, 0, { kind: "steady" })]).samples;
    expect(steady.map((s) => s.memMiB)).toEqual([2000, 2000, 2000, 2000]);
  });

  test("a usage action sets one request's interval, from its arrival or from a sample", () => {
    const policy = watcher({
      onArrival: (s, _c, r) => ({
        state: s,
        actions: [{ kind: "usage", requestId: r.id, everyS: r.id === 1 ? 4 : null }],
      }),
      onUsage: (s, _c, sample) => ({
        state: { ...s, samples: [...s.samples, sample] },
        // Request 3 is watched only twice.
        actions:
          sample.request.id === 3 && sample.elapsedS >= 8
            ? [{ kind: "usage", requestId: 3, everyS: null }]
            : [],
      }),
    });
    const r3 = { ...request(3, 1) };
    const policy3 = watcher({
      ...policy,
      onArrival: (s, _c, r) => ({
        state: s,
        actions: [{ kind: "usage", requestId: r.id, everyS: r.id === 2 ? null : 4 }],
      }),
    } as Partial<Policy<Seen, Seen>>);
    const a = seen(policy, [request(1, 0), request(2, 0)]).samples;
    expect(a.filter((s) => s.request.id === 1).map((s) => s.elapsedS)).toEqual([
      4, 8, 12, 16, 20, 24,
    ]);
    expect(a.filter((s) => s.request.id === 2)).toEqual([]);
    const b = seen(policy3, [request(2, 0), r3]).samples;
    expect(b.filter((s) => s.request.id === 2)).toEqual([]);
    expect(b.filter((s) => s.request.id === 3).map((s) => s.elapsedS)).toEqual([4, 8]);
  });

  test("a resize re-times the run and its samples go on from its first start", () => {
    // To a type as fast for a serial request (8 vCPU, 4 slots: the serial part
    // still gets one core), so the samples fall where they would have.
    const policy = watcher({
      onUsage: (s, _c, sample) => ({
        state: { ...s, samples: [...s.samples, sample] },
        actions:
          sample.elapsedS === 10
            ? [{ kind: "resize", instanceId: sample.instanceId, type: "m5.2xlarge" }]
            : [],
      }),
    });
    const { samples } = seen(policy, [request(1, 0, undefined, 400)], 1000);
    expect(samples.map((s) => s.elapsedS)).toEqual(
      Array.from({ length: 39 }, (_, i) => 10 * (i + 1)),
    );
    for (const s of samples) expect(s.cpuSeconds).toBeCloseTo(s.elapsedS, 9);
    const types = samples.map((s) => s.instanceType);
    expect(types[0]).toBe(TYPE);
    expect(types.at(-1)).toBe("m5.2xlarge");
  });

  test("a policy that ignores usage is never sampled", () => {
    let calls = 0;
    const policy = watcher({
      ignores: () => ["usage"],
      onUsage: (s) => (calls++, { state: s, actions: [] }),
    });
    run(policy, [request(1, 0)]);
    expect(calls).toBe(0);
  });
});

describe("completion feedback", () => {
  test("carries measured use, the input and code identity, and the execution's cost", () => {
    const { feedback } = seen(watcher(), [request(1, 0, undefined, 25, true)]);
    const fb = feedback[0]!;
    expect(fb.outcome).toBe("completed");
    expect(fb.serviceS).toBeCloseTo(25 + IO_S, 9);
    expect(fb.cpuSeconds).toBe(25);
    expect(fb.peakMemMiB).toBe(2000);
    expect(fb.memLimitMiB).toBe(4096);
    expect(fb.ioReadBytes).toBe(5e6);
    expect(fb.ioWriteBytes).toBe(1e6);
    // A quarter of a $0.34/h instance for its 25 s and its IO.
    expect(fb.costUsd).toBeCloseTo((0.34 * (25 + IO_S)) / 3600 / 4, 12);
    expect(fb.request).toMatchObject({ inputHash: "00000000000000ff", codeVersion: "3" });
  });
});
