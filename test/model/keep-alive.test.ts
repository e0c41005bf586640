/**
 * Keep-alive expiry: an idle instance ends its keep-alive after its last
 * idle stretch began, however often work took it before; the expiry event
 * of an earlier stretch, left pending, neither ends it early nor late.
 */
import { describe, expect, test } from "vitest";
import { Scheduler } from "../../sim/engine/scheduler.js";
import { DEFAULT_CATALOG } from "../../sim/model/catalog/default-catalog.js";
import { Cluster } from "../../sim/model/cluster.js";
import type { WorkRequest } from "../../sim/model/request.js";
import type { TimeseriesRow } from "../../sim/model/summary.js";
import { reactivePolicy } from "../../sim/policies/reactive.js";
import type { Policy } from "../../sim/policies/types.js";
import { RandomStreams } from "../../sim/random/streams.js";

const LAMBDA = DEFAULT_CATALOG.get("lambda-1769")!;

function request(id: number, arrivalS: number): WorkRequest {
  return {
    id,
    arrivalS,
    functionId: 0,
    features: null,
    demand: { cpuSeconds: 1, parallelFraction: 0, memMiB: 128, gpuSpeedup: 1 },
  };
}

/** Instances alive (idle or busy) at each whole second, for requests of one function at `arrivals`. */
function aliveBySecond(arrivals: number[], keepAlive: string, policy?: Policy): number[] {
  const scheduler = new Scheduler();
  const catalog = new Map(DEFAULT_CATALOG);
  catalog.set(LAMBDA.name, { ...LAMBDA, boot: { kind: "constant", value: 0.5 } });
  const rows: TimeseriesRow[] = [];
  const cluster = new Cluster(scheduler, {
    policyName: "faas",
    policy: policy ?? (reactivePolicy as Policy),
    policyConfig: reactivePolicy.configSchema.parse({ mode: "faas", type: LAMBDA.name, keepAlive }),
    catalog,
    streams: new RandomStreams(1),
    horizonS: 60,
    slaLatencyS: 10,
    queueCapacity: 100,
    queueTimeoutS: Infinity,
    sampleIntervalS: 1,
    retryOutOfMemory: false,
    migrationFixedS: 1,
    migrationMiBPerS: 256,
    onSample: (row) => rows.push(row),
  });
  const requests = arrivals.map((t, i) => request(i, t));
  let next = 0;
  cluster.start({ next: () => requests[next++] ?? null });
  scheduler.run(60);
  cluster.finish();
  const alive: number[] = [];
  for (const r of rows.filter((x) => x.type === LAMBDA.name))
    alive[r.timeS] = (alive[r.timeS] ?? 0) + r.idle + r.busy;
  return alive;
}

/** The reactive policy deciding each keep-alive in onIdle, without declaring it. */
const asking: Policy = { ...(reactivePolicy as Policy), idleKeepAliveS: undefined };

describe("keep-alive after the last idle stretch", () => {
  // Boot 0.5 s, 1 s of work: idle from 1.5, taken at 5 and 9, idle from 10 for 10 s.
  const arrivals = [0, 5, 9];
  for (const [name, policy] of [
    ["declared", undefined],
    ["decided in onIdle", asking],
  ] as const) {
    test(`one sandbox until 20, none after (${name})`, () => {
      const alive = aliveBySecond(arrivals, "10s", policy);
      expect(alive.slice(1, 20).every((n) => n === 1)).toBe(true);
      expect(alive.slice(20, 30).every((n) => (n ?? 0) === 0)).toBe(true);
    });
  }

  test("a keep-alive shorter than the gaps ends each stretch, and the next arrival starts cold", () => {
    const alive = aliveBySecond(arrivals, "2s");
    // Idle from 1.5 to 3.5; booting 5 to 5.5, idle from 6.5 to 8.5; again 9 to 9.5, idle 10.5 to 12.5.
    const at = (s: number) => alive[s] ?? 0;
    expect([at(2), at(4), at(6), at(8), at(11), at(13)]).toEqual([1, 0, 1, 1, 1, 0]);
  });
});
