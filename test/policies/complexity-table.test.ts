/**
 * Which profile complexity-table picks: seed 000's score through seed
 * 000's table by default (the 0-100 score of seed 001 is another scale),
 * the feature the config names when it names one, and the `unscored`
 * profile for code with no such score; and where an upgrade goes: in
 * place when the request's instance has room, else a new instance only for
 * memory.
 */
import { describe, expect, test } from "vitest";
import { DEFAULT_CATALOG } from "../../sim/model/catalog/default-catalog.js";
import { defaultProfilesFor } from "../../sim/model/profiles.js";
import { typeViewOf } from "../../sim/model/type-view.js";
import { chooseProfile } from "../../sim/policies/complexity-table/choose-profile.js";
import { complexityTablePolicy } from "../../sim/policies/complexity-table.js";
import { complexityTableConfig } from "../../sim/policies/complexity-table/config.js";
import { upgradeStep } from "../../sim/policies/complexity-table/upgrade.js";
import { fleetFromData } from "../../sim/policies/fleet-data.js";
import type { CodeFeatures, RequestView, UsageSample } from "../../sim/policies/types.js";
import { defaultPool } from "../support/pool-data.js";

const TYPES = [...DEFAULT_CATALOG.values()].map(typeViewOf);
const fleet = fleetFromData({
  nowS: 0,
  pools: [],
  types: TYPES,
  profiles: [...defaultProfilesFor(DEFAULT_CATALOG).values()],
});
const m5 = TYPES.find((t) => t.name === "m5.2xlarge")!;

const picked = (features: CodeFeatures | null, config: object = {}) => {
  const c = complexityTableConfig.parse({ type: "m5.2xlarge", ...config });
  const r: RequestView = { id: 1, functionId: 0, arrivalS: 0, features };
  return chooseProfile(c, r, fleet, m5)?.profile.name;
};

describe("complexity-table's profile", () => {
  test("seed 000's score through seed 000's table, whatever the 0-100 score says", () => {
    expect(picked({ seed000Score: 4, complexityScore: 90 })).toBe("Small");
    expect(picked({ seed000Score: 10 })).toBe("Small");
    expect(picked({ seed000Score: 11 })).toBe("Medium");
    expect(picked({ seed000Score: 25, complexityScore: 2 })).toBe("Medium");
    expect(picked({ seed000Score: 26 })).toBe("Large");
    // Extreme has a GPU: on m5.2xlarge the ladder moves it down to Large.
    expect(picked({ seed000Score: 60 })).toBe("Large");
  });

  test("the feature the config names, on the table it gives", () => {
    const config = {
      scoreFeature: "complexityScore",
      table: [
        { from: 0, profile: "Small" },
        { from: 50, profile: "Medium" },
      ],
    };
    expect(picked({ seed000Score: 40, complexityScore: 49 }, config)).toBe("Small");
    expect(picked({ seed000Score: 1, complexityScore: 50 }, config)).toBe("Medium");
  });

  test("code without the score (or with a non-numeric one) gets the unscored profile", () => {
    expect(picked(null)).toBe("Medium");
    expect(picked({ complexityScore: 5 })).toBe("Medium");
    expect(picked({ seed000Score: "high" }, { unscored: "Large" })).toBe("Large");
  });
});

describe("complexity-table's upgrade", () => {
  const small = fleet.profile("Small")!;
  /** One busy m5.2xlarge running request 1 in Small, with `freeVcpu` vCPU left over. */
  const fleetWith = (freeVcpu: number) =>
    fleetFromData({
      nowS: 10,
      pools: [
        defaultPool([
          {
            id: 1,
            pool: "default",
            typeName: "m5.2xlarge",
            state: "busy",
            runningRequestIds: [1],
            slots: 32,
            busySlots: 1,
            freeSlots: 31,
            requestedAtS: 0,
            readyAtS: 0,
            idleSinceS: null,
            free: { vcpu: freeVcpu, memMiB: 16 * 1024, gpus: 0, networkMbps: 1000 },
            allocations: [
              {
                requestId: 1,
                vcpu: small.vcpu,
                memMiB: small.memMiB,
                gpus: 0,
                networkMbps: small.networkMbps,
              },
            ],
          },
        ]),
      ],
      types: TYPES,
      profiles: [...defaultProfilesFor(DEFAULT_CATALOG).values()],
    });
  const sample: UsageSample = {
    request: { id: 1, functionId: 0, arrivalS: 0, features: { seed000Score: 3 } },
    instanceId: 1,
    instanceType: "m5.2xlarge",
    elapsedS: 9,
    cpuSeconds: 4,
    memMiB: 900,
    peakMemMiB: 900,
    memLimitMiB: 1024,
    ioReadBytes: 0,
    ioWriteBytes: 0,
  };
  const c = complexityTableConfig.parse({ type: "m5.2xlarge" });

  test("grows in place when its own instance has the room, moving nothing", () => {
    const step = upgradeStep(c, sample, "Small", "memory", fleetWith(4), m5);
    expect(step.movedTo).toBe("Medium");
    expect(step.actions).toEqual([{ kind: "resizeAllocation", requestId: 1, profile: "Medium" }]);
  });

  test("without room there, memory adds an instance; running long waits", () => {
    const full = fleetWith(0.25);
    expect(upgradeStep(c, sample, "Small", "memory", full, m5).actions).toEqual([
      { kind: "provision", pool: "default", type: "m5.2xlarge", count: 1 },
    ]);
    expect(upgradeStep(c, sample, "Small", "time", full, m5)).toEqual({ actions: [] });
  });
});

describe("complexity-table's node pool", () => {
  const ctx = { nowS: 0, random: () => 0.5, log: () => {} };
  const poolLine = (config: object) => {
    const c = complexityTableConfig.parse({ type: "m5.2xlarge", ...config });
    const pool = complexityTablePolicy.init(c, fleet, ctx).actions.find((a) => a.kind === "pool");
    return pool && "line" in pool ? (pool.line ?? "in-order") : "no pool";
  };

  test("serves its line in order unless the config says backfill", () => {
    expect(poolLine({})).toBe("in-order");
    expect(poolLine({ line: "backfill" })).toBe("backfill");
    expect(() => complexityTableConfig.parse({ type: "m5.2xlarge", line: "random" })).toThrow();
  });
});
