/**
 * The pool finds the newest idle instance from its idle order instead of
 * scanning (sim/model/idle-order.ts): every pick of a run must be the one
 * the routing piece's scan gives, with ties in time, notices, several
 * slots per instance and timeouts in play.
 */
import { afterEach, describe, expect, test, vi } from "vitest";
import { Scheduler } from "../../sim/engine/scheduler.js";
import { DEFAULT_CATALOG } from "../../sim/model/catalog/default-catalog.js";
import { Cluster } from "../../sim/model/cluster.js";
import { IdleOrder } from "../../sim/model/idle-order.js";
import type { Instance } from "../../sim/model/instance.js";
import { Pool } from "../../sim/model/pool.js";
import type { RequestSource, WorkRequest } from "../../sim/model/request.js";
import { newestIdleFirst } from "../../sim/policies/pieces/routing/newest-idle-first.js";
import { reactivePolicy } from "../../sim/policies/reactive.js";
import type { Policy } from "../../sim/policies/types.js";
import { RandomStreams } from "../../sim/random/streams.js";

const LAMBDA = DEFAULT_CATALOG.get("lambda-1769")!;

/**
 * Requests of `functions` functions at times drawn on a grid of `stepS`
 * (so many arrive, end and idle at the same instant), each needing a whole
 * number of steps of CPU.
 */
function gridRequests(n: number, functions: number, stepS: number, seed: number): RequestSource {
  const rnd = new RandomStreams(seed).stream("test/grid");
  let t = 0;
  const requests: WorkRequest[] = [];
  for (let id = 0; id < n; id++) {
    t += stepS * Math.floor(rnd() * 3);
    requests.push({
      id,
      arrivalS: t,
      functionId: Math.floor(rnd() * rnd() * functions),
      features: null,
      demand: {
        cpuSeconds: stepS * (1 + Math.floor(rnd() * 6)),
        parallelFraction: 0,
        memMiB: 128,
        gpuSpeedup: 1,
      },
    });
  }
  let next = 0;
  return { next: () => requests[next++] ?? null };
}

interface Checked {
  picks: number;
  fast: number;
}

/** Runs FaaS with every pick checked against the scan; counts picks and fast answers. */
function runChecked(
  source: RequestSource,
  o: { bootS: number; concurrency: number; keepAlive: string; queueTimeoutS: number },
): Checked {
  const seen: Checked = { picks: 0, fast: 0 };
  const pick = Pool.prototype.pick;
  vi.spyOn(Pool.prototype, "pick").mockImplementation(function (this: Pool) {
    // The scan's answer, taken before the pick (which may drop stale entries).
    const i = this.freeSlots === 0 ? -1 : newestIdleFirst(this.instances);
    const got = pick.call(this);
    seen.picks++;
    expect(got).toBe(i < 0 ? undefined : this.instances[i]);
    return got;
  });
  const newest = IdleOrder.prototype.newest;
  vi.spyOn(IdleOrder.prototype, "newest").mockImplementation(function (this: IdleOrder) {
    const inst: Instance | undefined = newest.call(this);
    if (inst) seen.fast++;
    return inst;
  });
  const scheduler = new Scheduler();
  const catalog = new Map(DEFAULT_CATALOG);
  catalog.set(LAMBDA.name, { ...LAMBDA, boot: { kind: "constant", value: o.bootS } });
  const cluster = new Cluster(scheduler, {
    policyName: "faas",
    policy: reactivePolicy as Policy,
    policyConfig: reactivePolicy.configSchema.parse({
      mode: "faas",
      type: LAMBDA.name,
      concurrency: o.concurrency,
      keepAlive: o.keepAlive,
    }),
    catalog,
    streams: new RandomStreams(1),
    horizonS: 2000,
    slaLatencyS: 10,
    queueCapacity: 1000,
    queueTimeoutS: o.queueTimeoutS,
    sampleIntervalS: 10,
    retryOutOfMemory: false,
    migrationFixedS: 1,
    migrationMiBPerS: 256,
  });
  cluster.start(source);
  scheduler.run(2000);
  cluster.finish();
  return seen;
}

afterEach(() => {
  vi.restoreAllMocks();
});

describe("newest-idle-first from the idle order", () => {
  for (const seed of [1, 2, 3, 4, 5]) {
    test(`every pick is the scan's, one slot each, ties on a grid (seed ${seed})`, () => {
      const r = runChecked(gridRequests(4000, 8, 0.5, seed), {
        bootS: 0.5,
        concurrency: 1,
        keepAlive: "20s",
        queueTimeoutS: 2,
      });
      expect(r.picks).toBeGreaterThan(1000);
      // The fast path answers most picks, so the check covers it.
      expect(r.fast).toBeGreaterThan(r.picks / 4);
    });
  }

  test("several slots per instance: the scan decides, and agrees", () => {
    const r = runChecked(gridRequests(3000, 4, 0.5, 9), {
      bootS: 1,
      concurrency: 3,
      keepAlive: "10s",
      queueTimeoutS: Infinity,
    });
    expect(r.picks).toBeGreaterThan(1000);
    expect(r.fast).toBe(0);
  });
});

describe("IdleOrder", () => {
  test("gives no answer on a tie in time, and drops stale entries", () => {
    const inst = (id: number, idleSinceS: number) =>
      ({ id, state: "idle", idleSinceS, bound: false }) as unknown as Instance;
    const a = inst(1, 1);
    const b = inst(2, 2);
    const c = inst(3, 2);
    const order = new IdleOrder();
    order.push(a, 1, 3);
    expect(order.newest()).toBe(a);
    order.push(b, 2, 3);
    order.push(c, 2, 3);
    expect(order.newest()).toBeUndefined();
    (c as { state: string }).state = "busy";
    // c is stale and dropped; b now ties with c's old entry no longer.
    expect(order.newest()).toBe(b);
    (b as { bound: boolean }).bound = true;
    expect(order.newest()).toBeUndefined();
  });
});
