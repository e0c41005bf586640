/**
 * The "request a specific profile" route over HTTP: a grantable profile
 * with room is granted at its price, one outside the allow-list is not
 * (the table's profile instead), and a body without the profile is a 400.
 */
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { DEFAULT_CATALOG } from "../../sim/model/catalog/default-catalog.js";
import { defaultProfilesFor } from "../../sim/model/profiles.js";
import { typeViewOf } from "../../sim/model/type-view.js";
import type { FleetData } from "../../sim/policies/fleet-data.js";
import { findPolicy } from "../../sim/policies/registry.js";
import type { InstanceView } from "../../sim/policies/types.js";
import { serve, type Served } from "../support/serve-client.js";

const TYPES = [...DEFAULT_CATALOG.values()].map(typeViewOf);
const PROFILES = [...defaultProfilesFor(DEFAULT_CATALOG).values()];
const m5 = TYPES.find((t) => t.name === "m5.2xlarge")!;

const idle: InstanceView = {
  id: 1,
  pool: "default",
  typeName: "m5.2xlarge",
  state: "idle",
  runningRequestIds: [],
  slots: 32,
  busySlots: 0,
  freeSlots: 32,
  requestedAtS: 0,
  readyAtS: 0,
  idleSinceS: 0,
  free: { vcpu: m5.vcpu, memMiB: m5.memMiB, gpus: 0, networkMbps: m5.networkMbps },
  allocations: [],
};

const fleet: FleetData = {
  nowS: 5,
  pools: [
    {
      id: "default",
      functionId: -1,
      routing: "least-loaded",
      concurrency: 32,
      queueLength: 0,
      booting: 0,
      ready: 1,
      draining: 0,
      idle: 1,
      busySlots: 0,
      freeSlots: 32,
      bootingSlots: 0,
      busySlotSeconds: 0,
      readySlotSeconds: 5,
      instances: [idle],
    },
  ],
  types: TYPES,
  profiles: PROFILES,
};

const policy = findPolicy("complexity-table")!;
const config = policy.configSchema.parse({
  type: "m5.2xlarge",
  grantable: ["Small", "Medium", "Large"],
});

let s: Served;
beforeAll(async () => {
  s = await serve([{ name: "table", policy, config }]);
  await s.call("/policies/table/init", { fleet: { ...fleet, pools: [] } });
});
afterAll(() => s.close());

const request = (requestedProfile: string) => ({
  id: 7,
  functionId: 2,
  arrivalS: 5,
  features: { seed000Score: 5, complexityScore: 40 },
  requestedProfile,
});

describe("POST /policies/NAME/request-profile", () => {
  test("a grantable profile with room is granted, at its price, placed on the instance", async () => {
    const got = await s.call("/policies/table/request-profile", {
      request: request("Large"),
      fleet,
    });
    expect(got.status).toBe(200);
    const large = PROFILES.find((p) => p.name === "Large")!;
    expect(got.body).toEqual({
      granted: true,
      profile: "Large",
      usdPerHour: large.usdPerHour,
      actions: [{ kind: "place", instanceId: 1, profile: "Large" }],
    });
  });

  test("a profile outside the allow-list is not granted: the table's (score 5: Small) instead", async () => {
    const got = await s.call("/policies/table/request-profile", {
      request: request("Extreme"),
      fleet,
    });
    expect(got.status).toBe(200);
    expect(got.body.granted).toBe(false);
    expect(got.body.profile).toBe("Small");
  });

  test("a request naming no profile is refused, saying so", async () => {
    const { requestedProfile: _, ...bare } = request("Small");
    const got = await s.call("/policies/table/request-profile", { request: bare, fleet });
    expect(got.status).toBe(400);
    expect(JSON.stringify(got.body)).toContain("requestedProfile");
  });

  test("it is in /openapi.json", async () => {
    const doc = await s.call("/openapi.json");
    expect(Object.keys(doc.body.paths)).toContain("/policies/{instance}/request-profile");
  });
});
