/**
 * The pre-instantiation policy (seed 002): the profile table, the
 * monitoring rule of the first seconds, and the decisions on a notice, on
 * the announced request's arrival and on an unannounced one.
 */
import { describe, expect, test } from "vitest";
import { DEFAULT_CATALOG } from "../../sim/model/catalog/default-catalog.js";
import { typeViewOf } from "../../sim/model/type-view.js";
import { fleetFromData } from "../../sim/policies/fleet-data.js";
import { preInstantiationPolicy as policy } from "../../sim/policies/pre-instantiation.js";
import { adjust, type Watch } from "../../sim/policies/pre-instantiation/monitor.js";
import { matchingRule } from "../../sim/policies/pre-instantiation/predict-profile.js";
import type {
  AllocationView,
  InstanceView,
  PolicyContext,
  ProfileView,
  UsageSample,
} from "../../sim/policies/types.js";

const ctx: PolicyContext = { nowS: 0, random: () => 0.5, log: () => {} };
const config = policy.configSchema.parse({});
const price = {
  kind: "container",
  usdPerVcpuHour: 0.04,
  usdPerGbHour: 0.004,
  minimumS: 60,
} as const;
const low: ProfileView = {
  name: "LowComplexity",
  vcpu: 1,
  memMiB: 2048,
  gpus: 0,
  networkMbps: 10,
  price,
  usdPerHour: 0.05,
};
const medium: ProfileView = {
  ...low,
  name: "MediumComplexity",
  vcpu: 4,
  memMiB: 8192,
  networkMbps: 50,
};
const types = ["t3.medium", "m5.xlarge"].map((t) => typeViewOf(DEFAULT_CATALOG.get(t)!));

function fleet(nowS: number, instances: InstanceView[] = []) {
  return fleetFromData({
    nowS,
    types,
    profiles: [low, medium],
    pools: types.map((t) => ({
      id: `pi-${t.name}`,
      functionId: -1,
      routing: "newest-idle-first" as const,
      concurrency: 1,
      queueLength: 0,
      booting: 0,
      ready: 0,
      draining: 0,
      idle: 0,
      busySlots: 0,
      freeSlots: 0,
      bootingSlots: 0,
      busySlotSeconds: 0,
      readySlotSeconds: 0,
      instances: instances.filter((i) => i.typeName === t.name),
    })),
  });
}

/** The table's profile for `features`, "Low" when no rule matches. */
const ruled = (
  rules: Parameters<typeof matchingRule>[0],
  features: Parameters<typeof matchingRule>[1],
) => matchingRule(rules, features) ?? "Low";

describe("the profile table", () => {
  test("the first matching row wins; algorithm is the code's first folder", () => {
    const rules = [
      { language: "python", minScore: 40, profile: "HighComplexity" },
      { algorithm: "linalg", profile: "MediumComplexity" },
    ];
    const f = (codeId: string, language: string, complexityScore: number) => ({
      codeId,
      language,
      complexityScore,
    });
    expect(ruled(rules, f("linalg/lu.go", "go", 42))).toBe("MediumComplexity");
    expect(ruled(rules, f("linalg/matmul.py", "python", 38))).toBe("MediumComplexity");
    expect(ruled(rules, f("image/sobel.py", "python", 41))).toBe("HighComplexity");
    expect(ruled(rules, f("web/auth.go", "go", 7))).toBe("Low");
    expect(ruled(rules, null)).toBe("Low");
  });

  test("atLeast: every named feature is a number at least its value", () => {
    const rules = [{ atLeast: { iops: 100, parallelism: 0.5 }, profile: "IoBound" }];
    expect(ruled(rules, { iops: 200, parallelism: 0.8 })).toBe("IoBound");
    expect(ruled(rules, { iops: 100, parallelism: 0.5 })).toBe("IoBound");
    expect(ruled(rules, { iops: 99, parallelism: 0.8 })).toBe("Low");
    expect(ruled(rules, { iops: 200 })).toBe("Low");
    expect(ruled(rules, { iops: "many", parallelism: 1 })).toBe("Low");
    expect(ruled(rules, null)).toBe("Low");
  });

  test("a profile with no VM type, or a memory limit under the trigger, is a config error", () => {
    expect(policy.configSchema.safeParse({ defaultProfile: "Tiny" }).success).toBe(false);
    expect(policy.configSchema.safeParse({ memoryLimit: 1.1 }).success).toBe(false);
  });
});

describe("the first seconds of execution", () => {
  const rule = { trigger: 1.2, scale: 1.5, saturation: 0.95 };
  const watch: Watch = {
    profile: "LowComplexity",
    lastS: 0,
    cpuSeconds: 0,
    ioBytes: 0,
    scaled: "",
  };
  const current: AllocationView = { requestId: 1, vcpu: 1, memMiB: 2662, gpus: 0, networkMbps: 10 };
  const roomy = { vcpu: 1, memMiB: 2048, networkMbps: 200 };
  const sample = (s: Partial<UsageSample>): UsageSample => ({
    request: { id: 1, functionId: 0, arrivalS: 0, features: null },
    instanceId: 1,
    instanceType: "t3.medium",
    elapsedS: 2,
    cpuSeconds: 0.5,
    memMiB: 1000,
    peakMemMiB: 1000,
    memLimitMiB: 2662,
    ioReadBytes: 0,
    ioWriteBytes: 0,
    ...s,
  });

  test("use within the prediction changes nothing", () => {
    const a = adjust(rule, watch, low, sample({}), current, roomy);
    expect(a.allocation).toBeNull();
    expect(a.watch.lastS).toBe(2);
  });

  test("memory above 1.2x the prediction goes to 1.5x it", () => {
    const a = adjust(rule, watch, low, sample({ memMiB: 2500 }), current, roomy);
    expect(a.allocation).toEqual({ vcpu: 1, memMiB: 3072, networkMbps: 10 });
    expect(a.scaled).toBe("m");
  });

  test("CPU and network used at 95% of their allocation or more are throttled: scaled to 1.5x", () => {
    // 1.96 CPU-seconds in 2 s on 1 vCPU; 2.4 MB/s is 19.2 Mbps over a 10 Mbps limit's sample.
    const a = adjust(
      rule,
      watch,
      low,
      sample({ cpuSeconds: 1.96, ioReadBytes: 2 * 1.2e6 }),
      current,
      roomy,
    );
    expect(a.allocation).toEqual({ vcpu: 1.5, memMiB: 2662, networkMbps: 15 });
    expect(a.watch.scaled).toBe("cn");
    // Once per resource: the next throttled sample asks for nothing more.
    const again = adjust(
      rule,
      a.watch,
      low,
      sample({ elapsedS: 4, cpuSeconds: 3.9, ioReadBytes: 4.8e6 }),
      current,
      roomy,
    );
    expect(again.allocation).toBeNull();
  });

  test("a resource grows only as far as the instance has room", () => {
    const tight = { vcpu: 0.25, memMiB: 0, networkMbps: 0 };
    const a = adjust(rule, watch, low, sample({ cpuSeconds: 2, memMiB: 2600 }), current, tight);
    expect(a.allocation).toEqual({ vcpu: 1.25, memMiB: 2662, networkMbps: 10 });
    expect(a.scaled).toBe("c");
  });
});

describe("decisions", () => {
  const features = { codeId: "linalg/lu.go", language: "go", complexityScore: 42 };

  test("a notice starts a VM of its predicted profile, bound, with the profile's allocation", () => {
    const init = policy.init(config, fleet(0), ctx);
    const d = policy.onNotice!(
      init.state,
      config,
      { functionId: 4, expectedArrivalS: 50, features },
      fleet(5),
      ctx,
    );
    expect(d.actions).toEqual([
      {
        kind: "provision",
        pool: "pi-m5.xlarge",
        type: "m5.xlarge",
        count: 1,
        forNotice: true,
        allocation: { vcpu: 4, memMiB: 8192 * 1.3, networkMbps: 50 },
      },
    ]);
    // Its request arrives: bound, so nothing else is started; it is watched.
    const request = { id: 9, functionId: 4, arrivalS: 50, features };
    const a = policy.onArrival!(d.state, config, request, fleet(50), ctx);
    expect(a.actions).toEqual([]);
    expect(JSON.parse(JSON.stringify(a.state)).watches["9"].profile).toBe("MediumComplexity");
    // Another function at that moment was not announced: it starts a VM for itself.
    const other = policy.onArrival!(d.state, config, { ...request, functionId: 5 }, fleet(50), ctx);
    expect(other.actions.map((x) => x.kind)).toEqual(["provision", "route", "usage"]);
    expect(other.actions[0]).toMatchObject({ type: "m5.xlarge", forRequestId: 9 });
  });

  test("an unannounced request takes the cheapest idle VM with room for its profile", () => {
    const idle = (id: number, typeName: string): InstanceView => ({
      id,
      pool: `pi-${typeName}`,
      typeName,
      state: "idle",
      runningRequestIds: [],
      slots: 1,
      busySlots: 0,
      freeSlots: 1,
      requestedAtS: 0,
      readyAtS: 30,
      idleSinceS: 40,
      free: { vcpu: 4, memMiB: 16384, gpus: 0, networkMbps: 1000 },
      allocations: [],
    });
    const state = policy.init(config, fleet(0), ctx).state;
    const small = { id: 1, functionId: 0, arrivalS: 60, features: { codeId: "web/auth.go" } };
    const both = fleet(60, [idle(1, "m5.xlarge"), idle(2, "t3.medium")]);
    expect(policy.onArrival!(state, config, small, both, ctx).actions).toEqual([
      { kind: "place", instanceId: 2 },
    ]);
    // A Medium job does not fit a t3.medium.
    const big = { ...small, features };
    expect(policy.onArrival!(state, config, big, both, ctx).actions).toEqual([
      { kind: "place", instanceId: 1 },
    ]);
  });
});
