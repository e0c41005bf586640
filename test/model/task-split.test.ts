/**
 * Requests split into tasks (seed 003): the parallel work shared among
 * tasks on any instances of the pool, the serial part kept in one, the
 * request ending, counted and reported once, when its last task does.
 */
import { z } from "zod";
import { describe, expect, test } from "vitest";
import { Scheduler } from "../../sim/engine/scheduler.js";
import { DEFAULT_CATALOG } from "../../sim/model/catalog/default-catalog.js";
import { Cluster } from "../../sim/model/cluster.js";
import type { RequestSource, WorkRequest } from "../../sim/model/request.js";
import type { RequestRecord } from "../../sim/model/summary.js";
import { taskDemand } from "../../sim/model/task-split.js";
import type {
  Allocation,
  CompletionFeedback,
  Policy,
  UsageSample,
} from "../../sim/policies/types.js";
import { RandomStreams } from "../../sim/random/streams.js";

const TYPE = "c5.2xlarge"; // 8 vCPU, 16 GiB, 2.5 Gbps

/** Seconds a task's share of the request's 4 MB read takes at the instance's bandwidth. */
const io = (tasks: number) => ((4e6 / tasks) * 8) / 2.5e9;

function request(
  id: number,
  arrivalS: number,
  parallelFraction: number,
  memMiB = 1000,
): WorkRequest {
  return {
    id,
    arrivalS,
    functionId: 0,
    features: null,
    demand: { cpuSeconds: 40, parallelFraction, memMiB, gpuSpeedup: 1, ioReadBytes: 4e6 },
  };
}

interface Outcome {
  records: RequestRecord[];
  feedback: CompletionFeedback[];
  samples: UsageSample[];
  summary: ReturnType<Cluster["finish"]>;
}

function run(
  requests: WorkRequest[],
  opts: {
    tasks: number;
    /** Each task's container, when the split names one. */
    allocation?: Allocation;
    routing?: "round-robin" | "least-loaded";
    instances?: number;
    concurrency?: number;
    horizonS?: number;
    queueCapacity?: number;
  },
): Outcome {
  const records: RequestRecord[] = [];
  const feedback: CompletionFeedback[] = [];
  const samples: UsageSample[] = [];
  const policy: Policy<unknown, null> = {
    name: "split",
    description: "test",
    configSchema: z.unknown(),
    typesUsed: () => [TYPE],
    init: () => ({
      state: null,
      actions: [
        {
          kind: "pool",
          pool: "default",
          concurrency: opts.concurrency ?? 4,
          routing: opts.routing ?? "round-robin",
        },
        {
          kind: "provision",
          pool: "default",
          type: TYPE,
          count: opts.instances ?? 1,
          prewarmed: true,
        },
      ],
    }),
    onArrival: (s) => ({
      state: s,
      actions: [
        opts.allocation
          ? { kind: "split", tasks: opts.tasks, allocation: opts.allocation }
          : { kind: "split", tasks: opts.tasks },
        { kind: "route", pool: "default" },
      ],
    }),
    usageS: () => 1,
    onUsage: (s, _c, sample) => (samples.push(sample), { state: s, actions: [] }),
    onCompletion: (s, _c, fb) => (feedback.push(fb), { state: s, actions: [] }),
  };
  const horizonS = opts.horizonS ?? 500;
  const scheduler = new Scheduler();
  let i = 0;
  const source: RequestSource = { next: () => requests[i++] ?? null };
  const cluster = new Cluster(scheduler, {
    policyName: "split",
    policy: policy as Policy,
    policyConfig: {},
    catalog: DEFAULT_CATALOG,
    streams: new RandomStreams(1),
    horizonS,
    slaLatencyS: 100,
    queueCapacity: opts.queueCapacity ?? 1000,
    queueTimeoutS: Infinity,
    sampleIntervalS: 10,
    retryOutOfMemory: true,
    migrationFixedS: 1,
    migrationMiBPerS: 256,
    onRequestEnd: (r) => records.push(r),
  });
  cluster.start(source);
  scheduler.run(horizonS);
  // finish() checks conservation of requests and money.
  return { records, feedback, samples, summary: cluster.finish() };
}

describe("task demand", () => {
  test("shares the parallel work, keeps the serial part in task 0, and sums to the whole", () => {
    const d = {
      cpuSeconds: 40,
      parallelFraction: 0.5,
      memMiB: 1000,
      gpuSpeedup: 1,
      ioReadBytes: 4e6,
    };
    const tasks = [0, 1, 2, 3].map((i) => taskDemand(d, i, 4));
    expect(tasks.map((t) => t.cpuSeconds)).toEqual([25, 5, 5, 5]);
    expect(tasks[0]!.parallelFraction).toBeCloseTo(0.2, 12);
    expect(tasks[1]!.parallelFraction).toBe(1);
    expect(tasks.reduce((a, t) => a + t.cpuSeconds, 0)).toBe(40);
    expect(tasks.reduce((a, t) => a + (t.ioReadBytes ?? 0), 0)).toBe(4e6);
    expect(taskDemand(d, 0, 1)).toEqual(d);
  });
});

describe("split requests", () => {
  test("fully parallel work in 4 tasks on 4 slots ends in a quarter of the time", () => {
    // A 4-slot c5.2xlarge gives each slot 2 cores: 40 CPU-seconds take 20 s on one slot.
    const whole = run([request(1, 0, 1)], { tasks: 1 });
    const split = run([request(1, 0, 1)], { tasks: 4 });
    expect(whole.records[0]!.endS).toBeCloseTo(20 + io(1), 9);
    expect(split.records).toHaveLength(1);
    expect(split.records[0]!.endS).toBeCloseTo(5 + io(4), 9);
    expect(split.summary.completed).toBe(1);
    expect(split.summary.requests).toBe(1);
    expect(split.feedback).toHaveLength(1);
    expect(split.feedback[0]!.cpuSeconds).toBeCloseTo(40, 9);
    expect(split.feedback[0]!.ioReadBytes).toBeCloseTo(4e6, 3);
    expect(split.feedback[0]!.serviceS).toBeCloseTo(5 + io(4), 9);
    expect(split.summary.splits).toEqual({ requests: 1, tasks: 4, tasksPerRequest: 4 });
    expect(whole.summary.splits).toBeUndefined();
  });

  test("follows Amdahl: the serial part bounds the speed-up", () => {
    // p = 0.5: whole, 40 x (0.5/1 + 0.5/2) = 30 s; split in 4, task 0 runs
    // 20 serial + 5 parallel CPU-seconds: 20 + 5/2 = 22.5 s.
    expect(run([request(1, 0, 0.5)], { tasks: 1 }).records[0]!.endS).toBeCloseTo(30 + io(1), 9);
    expect(run([request(1, 0, 0.5)], { tasks: 4 }).records[0]!.endS).toBeCloseTo(22.5 + io(4), 9);
  });

  test("tasks spread over the pool's instances, and more tasks than slots wait their turn", () => {
    // Two instances of 2 slots (4 cores each): 8 tasks of 5 CPU-seconds, 1.25 s each, in two waves.
    const r = run([request(1, 0, 1)], { tasks: 8, instances: 2, concurrency: 2 });
    expect(r.records[0]!.endS).toBeCloseTo(2 * (1.25 + io(8)), 9);
    const spread = run([request(1, 0, 1)], { tasks: 2, instances: 2, concurrency: 1 });
    const instances = new Set(spread.samples.map((s) => s.instanceId));
    expect(instances.size).toBe(2);
    expect(new Set(spread.samples.map((s) => s.task?.index))).toEqual(new Set([0, 1]));
    expect(spread.samples.every((s) => s.task?.count === 2)).toBe(true);
  });

  test("a request whose tasks are still running at the horizon is in flight once", () => {
    const r = run([request(1, 0, 1), request(2, 0, 1)], { tasks: 4, horizonS: 3 });
    expect(r.summary.requests).toBe(2);
    expect(r.summary.inFlightAtEnd).toBe(2);
    expect(r.records).toHaveLength(0);
  });

  test("a task out of memory fails the request, once, without a retry", () => {
    // 4 slots of 4 GiB; a 40 GiB request split in 4 gives 10 GiB tasks.
    const r = run([request(1, 0, 1, 40 * 1024)], { tasks: 4 });
    expect(r.records.map((x) => x.outcome)).toEqual(["failed-oom"]);
    expect(r.summary.failedOutOfMemory).toBe(1);
    expect(r.summary.retriedOutOfMemory).toBe(0);
    expect(r.feedback[0]!.outcome).toBe("failed");
  });

  test("a task the full line rejects fails the request as rejected, counted once", () => {
    // One slot, a line of one: of 3 tasks one runs, one waits, one is rejected.
    const r = run([request(1, 0, 1)], { tasks: 3, concurrency: 1, queueCapacity: 1 });
    expect(r.records.map((x) => x.outcome)).toEqual(["rejected"]);
    expect(r.summary.rejected).toBe(1);
    expect(r.summary.completed).toBe(0);
  });

  test("a split the model cannot honour is an error naming the policy", () => {
    expect(() => run([request(1, 0, 1)], { tasks: 0 })).toThrow(/split a request into 0 tasks/);
    expect(() => run([request(1, 0, 1)], { tasks: 2.5 })).toThrow(/whole number/);
  });
});

describe("split requests in containers of their own", () => {
  // In a container, IO takes time after the compute: a task's share of the
  // 4 MB read at the c5.2xlarge's 2.5 Gbps.
  test("each task runs in the split's container, its time by that container's cores", () => {
    // 1-vCPU containers, fully parallel: 4 tasks of 10 CPU-seconds take 10 s each.
    const r = run([request(1, 0, 1)], { tasks: 4, allocation: { vcpu: 1, memMiB: 512 } });
    expect(r.records[0]!.endS).toBeCloseTo(10 + io(4), 9);
    expect(r.samples.every((s) => s.memLimitMiB === 512)).toBe(true);
    expect(r.summary.allocations?.allocations).toBe(4);
    // All four on the one VM: 1, 2, 3 and 4 containers there as each starts.
    expect(r.summary.allocations?.containersPerVm).toBeCloseTo(2.5, 12);
  });

  test("tasks go past an instance with no room to the next in routing order, across VMs", () => {
    // 6-vCPU containers: one fits on each 8-vCPU VM, so 3 tasks take 3 VMs though slots are free.
    const r = run([request(1, 0, 1)], {
      tasks: 3,
      instances: 3,
      allocation: { vcpu: 6, memMiB: 1024 },
      routing: "least-loaded",
    });
    expect(new Set(r.samples.map((s) => s.instanceId)).size).toBe(3);
    // 40 / 3 CPU-seconds on 6 cores each.
    expect(r.records[0]!.endS).toBeCloseTo(40 / 3 / 6 + io(3), 9);
    expect(r.summary.allocations?.containersPerVm).toBe(1);
  });

  test("a task with no room anywhere waits in the line for a container to end", () => {
    // One VM: the second 6-vCPU task waits for the first to end.
    const r = run([request(1, 0, 1)], { tasks: 2, allocation: { vcpu: 6, memMiB: 1024 } });
    expect(r.records[0]!.endS).toBeCloseTo(2 * (20 / 6 + io(2)), 9);
    expect(r.summary.completed).toBe(1);
  });

  test("a task that outgrows its container fails the request", () => {
    const r = run([request(1, 0, 0.5, 4000)], { tasks: 2, allocation: { vcpu: 1, memMiB: 1024 } });
    expect(r.records.map((x) => x.outcome)).toEqual(["failed-oom"]);
  });

  test("a malformed task container is rejected and the tasks take slots", () => {
    const r = run([request(1, 0, 1)], { tasks: 4, allocation: { vcpu: 0, memMiB: 512 } });
    expect(r.summary.allocations?.rejectedByKind).toEqual({ split: 1 });
    expect(r.records[0]!.endS).toBeCloseTo(5 + io(4), 9);
  });
});
