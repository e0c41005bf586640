/**
 * pre-instantiation with a trained resource predictor: the profile on the
 * cheapest VM that holds the predicted memory and runs the predicted CPU in
 * time (Amdahl on the analyzer's parallelism), the rules still first, and
 * the predictor's profile given to a notice that carries its input's size.
 */
import { describe, expect, test } from "vitest";
import { DEFAULT_CATALOG } from "../../sim/model/catalog/default-catalog.js";
import { defaultProfilesFor } from "../../sim/model/profiles.js";
import { typeViewOf } from "../../sim/model/type-view.js";
import { ResourcePredictor } from "../../sim/predict/resource-predictor.js";
import { fleetFromData } from "../../sim/policies/fleet-data.js";
import { preInstantiationPolicy as policy } from "../../sim/policies/pre-instantiation.js";
import { learnedProfile } from "../../sim/policies/pre-instantiation/learned-profile.js";
import type { PolicyContext } from "../../sim/policies/types.js";

const fleet = fleetFromData({
  nowS: 0,
  pools: [],
  types: [...DEFAULT_CATALOG.values()].map(typeViewOf),
  profiles: [...defaultProfilesFor(DEFAULT_CATALOG).values()],
});
const ctx: PolicyContext = { nowS: 0, random: () => 0.5, log: () => {} };

// LowComplexity: 1 vCPU, 2 GiB on a t3.medium; MediumComplexity: 4 vCPU, 8 GiB on an m5.xlarge.
const base = policy.configSchema.parse({ rules: [], modelTarget: "20s" });

describe("the learned profile", () => {
  const pick = (cpuSeconds: number, peakMemMiB: number, parallelism: number) =>
    learnedProfile(base, { cpuSeconds, peakMemMiB, parallelism }, fleet);

  test("the cheapest VM's profile when it holds the memory and runs the CPU in time", () => {
    expect(pick(15, 1500, 0)).toBe("LowComplexity");
  });

  test("more memory than Low holds, or too slow on one core when parallel, takes Medium", () => {
    expect(pick(1, 3000, 0)).toBe("MediumComplexity");
    expect(pick(60, 500, 0.95)).toBe("MediumComplexity");
  });

  test("too long for any: the fastest that holds it, the cheapest of equals", () => {
    // Serial: no core count helps, so the cheapest.
    expect(pick(60, 500, 0)).toBe("LowComplexity");
    // Parallel: High's 8 vCPU beat Medium's 4.
    expect(pick(200, 500, 0.95)).toBe("HighComplexity");
  });

  test("memory beyond every profile: the one with the most memory", () => {
    expect(pick(1, 64 * 1024, 0)).toBe("HighComplexity");
  });
});

describe("pre-instantiation with a model", () => {
  // Demand grows with the input: 1 MiB needs 1 CPU-second and 500 MiB, 8 MiB 40 CPU-seconds and 4 GiB.
  const observations = Array.from({ length: 200 }, (_, i) => {
    const big = i % 2 === 1;
    return {
      features: { parallelism: 0.9 },
      inputBytes: big ? 8 << 20 : 1 << 20,
      durationS: big ? 12 : 1,
      cpuSeconds: big ? 40 : 1,
      peakMemMiB: big ? 4096 : 500,
    };
  });
  const model = ResourcePredictor.train(observations, { rounds: 30 }).toJSON();
  const c = policy.configSchema.parse({ model, rules: [] });
  const provisioned = (inputBytes: number) => {
    const s = policy.init(c, fleet, ctx).state;
    const notice = {
      functionId: 1,
      expectedArrivalS: 60,
      features: { parallelism: 0.9 },
      inputBytes,
    };
    const d = policy.onNotice!(s, c, notice, fleet, ctx);
    return (d.actions[0] as { type: string }).type;
  };

  test("a notice's input size picks the VM: a small input a t3.medium, a large one an m5.xlarge", () => {
    expect(provisioned(1 << 20)).toBe("t3.medium");
    expect(provisioned(8 << 20)).toBe("m5.xlarge");
  });

  test("a rule that matches still decides", () => {
    const ruled = policy.configSchema.parse({
      model,
      rules: [{ atLeast: { parallelism: 0.5 }, profile: "LowComplexity" }],
    });
    const s = policy.init(ruled, fleet, ctx).state;
    const notice = {
      functionId: 1,
      expectedArrivalS: 60,
      features: { parallelism: 0.9 },
      inputBytes: 8 << 20,
    };
    const d = policy.onNotice!(s, ruled, notice, fleet, ctx);
    expect((d.actions[0] as { type: string }).type).toBe("t3.medium");
  });
});
