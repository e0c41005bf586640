/**
 * Pre-trigger notices (seed 002) reach a policy that takes them, ahead of
 * the requests they announce: the model reads the workload ahead of the
 * clock by the notice lookahead. A policy that takes none runs as before.
 */
import { z } from "zod";
import { describe, expect, test } from "vitest";
import { Scheduler } from "../../sim/engine/scheduler.js";
import { DEFAULT_CATALOG } from "../../sim/model/catalog/default-catalog.js";
import { Cluster } from "../../sim/model/cluster.js";
import type { RequestSource } from "../../sim/model/request.js";
import { reactivePolicy } from "../../sim/policies/reactive.js";
import type { NoticeView, Policy, RequestView } from "../../sim/policies/types.js";
import { RandomStreams } from "../../sim/random/streams.js";
import type { CodeProgram } from "../../traces/code-corpus.js";
import { synthWorkload, type SynthWorkload } from "../../traces/synth/workload.js";
import { prewarmOnNotice } from "../support/notice-policy.js";
import { synthSpec } from "../support/synth.js";

const programs: CodeProgram[] = Array.from({ length: 4 }, (_, k) => ({
  path: `p${k}.py`,
  features: { complexityScore: 10 * k, codeId: `p${k}.py` },
  demand: null,
}));

const announced = (lead: number, accuracy = 1, more: Partial<SynthWorkload> = {}): SynthWorkload =>
  synthSpec({
    ratePerS: 2,
    functions: 8,
    notifications: { share: 1, lead: { kind: "constant", value: lead }, accuracy },
    ...more,
  });

function run(
  policy: Policy,
  policyConfig: unknown,
  source: (streams: RandomStreams) => RequestSource,
  horizonS = 1800,
  noticeLookaheadS = 60,
) {
  const scheduler = new Scheduler();
  const streams = new RandomStreams(3);
  const cluster = new Cluster(scheduler, {
    policyName: "test",
    policy,
    policyConfig,
    catalog: DEFAULT_CATALOG,
    streams,
    horizonS,
    slaLatencyS: 1,
    queueCapacity: 100_000,
    queueTimeoutS: Infinity,
    sampleIntervalS: 60,
    retryOutOfMemory: false,
    migrationFixedS: 1,
    migrationMiBPerS: 256,
    noticeLookaheadS,
  });
  cluster.start(source(streams));
  scheduler.run(horizonS);
  return cluster.finish();
}

/** A fixed fleet that records every notice and arrival it sees. */
function recorder() {
  const notices: { atS: number; notice: NoticeView }[] = [];
  const arrivals: RequestView[] = [];
  const policy: Policy = {
    name: "recorder",
    description: "records notices",
    configSchema: z.unknown(),
    typesUsed: () => [],
    init: () => ({
      state: {},
      actions: [
        { kind: "provision", pool: "default", type: "m5.large", count: 4, prewarmed: true },
      ],
    }),
    onNotice: (state, _c, notice, _f, ctx) => {
      notices.push({ atS: ctx.nowS, notice });
      return { state, actions: [] };
    },
    onArrival: (state, _c, request) => {
      arrivals.push(request);
      return { state, actions: [] };
    },
  };
  return { policy, notices, arrivals };
}

describe("notices reach the policy", () => {
  test("each at its lead before the arrival, naming a function and its code's features", () => {
    const r = recorder();
    const summary = run(r.policy, {}, (s) => synthWorkload(announced(5, 0.7), s, programs));
    expect(summary.notices).toBe(r.notices.length);
    expect(summary.noticesLate).toBe(0);
    // Every request was announced; the last few notices' requests fall past the horizon.
    expect(r.notices.length).toBeGreaterThanOrEqual(r.arrivals.length);
    expect(r.arrivals.length).toBeGreaterThan(3000);
    const byArrival = new Map(r.arrivals.map((a) => [a.arrivalS, a]));
    let wrong = 0;
    for (const { atS, notice } of r.notices) {
      // The first few requests come less than 5 s into the run: announced at 0.
      expect(atS).toBeCloseTo(Math.max(0, notice.expectedArrivalS - 5), 9);
      expect(notice.features).toBe(programs[notice.functionId % programs.length]!.features);
      const request = byArrival.get(notice.expectedArrivalS);
      if (request && request.functionId !== notice.functionId) wrong++;
    }
    // Accuracy 0.7: about 30% of the notices name another function.
    expect(wrong / r.arrivals.length).toBeGreaterThan(0.25);
    expect(wrong / r.arrivals.length).toBeLessThan(0.35);
  });

  test("a notice that came earlier than the lookahead is delivered late, and counted", () => {
    const r = recorder();
    const summary = run(r.policy, {}, (s) => synthWorkload(announced(30), s), 600, 10);
    expect(summary.notices).toBeGreaterThan(1000);
    // A notice is due 30 s ahead, the workload read 10 s ahead (plus the request past it).
    expect(summary.noticesLate).toBeGreaterThan(0.9 * summary.notices);
    for (const { atS, notice } of r.notices) {
      expect(atS).toBeLessThanOrEqual(notice.expectedArrivalS);
      expect(atS).toBeGreaterThanOrEqual(notice.expectedArrivalS - 30);
    }
  });
});

describe("reading ahead changes nothing else", () => {
  const faas = { mode: "faas", type: "lambda-1769", keepAlive: 60 };
  const plain = (s: RandomStreams) => synthWorkload(announced(5), s);

  test("a policy that ignores its notices runs as the same policy without the hook", () => {
    const without = run(reactivePolicy as Policy, faas, plain);
    const ignoring = run(
      { ...(reactivePolicy as Policy), onNotice: (state) => ({ state, actions: [] }) },
      faas,
      plain,
    );
    expect(without.notices).toBe(0);
    expect(ignoring.notices).toBeGreaterThan(3000);
    expect({ ...ignoring, notices: 0 }).toEqual(without);
  });

  test("sandboxes started on notice turn most cold starts warm", () => {
    // Many rarely called functions: without notices, most calls start cold.
    const rare = (s: RandomStreams) =>
      synthWorkload(announced(5, 1, { functions: 200, ratePerS: 0.5 }), s);
    const cold = run(reactivePolicy as Policy, faas, rare, 3600);
    const warm = run(prewarmOnNotice, faas, rare, 3600);
    expect(warm.requests).toBe(cold.requests);
    expect(cold.coldStartRatio).toBeGreaterThan(0.5);
    expect(warm.coldStarts).toBeLessThan(0.2 * cold.coldStarts);
    expect(warm.latencyS.p99).toBeLessThan(cold.latencyS.p99);
  });
});
