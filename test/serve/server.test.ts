/**
 * `sim serve` in the test process: each route checked against the policy
 * called directly, bad bodies refused with a 4xx that says why, calls of
 * one instance taken in order, and state snapshots that restore exactly.
 */
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { DEFAULT_CATALOG } from "../../sim/model/catalog/default-catalog.js";
import { typeViewOf } from "../../sim/model/type-view.js";
import { fleetFromData, type FleetData } from "../../sim/policies/fleet-data.js";
import { findPolicy } from "../../sim/policies/registry.js";
import type { Policy, RequestView } from "../../sim/policies/types.js";
import { PolicyInstance } from "../../sim/serve/policy-instance.js";
import { StateFiles } from "../../sim/serve/state-files.js";
import { serve, type Served } from "../support/serve-client.js";

const TYPES = [...DEFAULT_CATALOG.values()].map(typeViewOf);

export function emptyFleet(nowS: number): FleetData {
  return { nowS, pools: [], types: TYPES };
}

const hybrid = findPolicy("hybrid-histogram")!;
const hybridConfig = hybrid.configSchema.parse({ type: "lambda-1769" });
const hpa = findPolicy("reactive")!;
const hpaConfig = hpa.configSchema.parse({ mode: "hpa", type: "m5.large", maxInstances: 8 });
const fixed = findPolicy("static")!;
const fixedConfig = fixed.configSchema.parse({ fleet: { "m5.large": 2 } });

const request = (id: number, functionId: number, arrivalS: number): RequestView => ({
  id,
  functionId,
  arrivalS,
  features: { complexityScore: 40, language: "python" },
});

const ctx = (nowS: number) => ({ nowS, random: () => 0.5, log: () => {} });

let s: Served;
beforeAll(async () => {
  s = await serve([
    { name: "warm", policy: hybrid, config: hybridConfig },
    { name: "hpa", policy: hpa, config: hpaConfig },
    { name: "fixed", policy: fixed, config: fixedConfig },
  ]);
});
afterAll(() => s.close());

describe("routes", () => {
  test("init, arrivals and feedback answer what the policy answers", async () => {
    const p = hybrid as Policy<unknown, unknown>;
    let state = p.init(hybridConfig, fleetFromData(emptyFleet(0)), ctx(0)).state;
    const init = await s.call("/policies/warm/init", { fleet: emptyFleet(0) });
    expect(init).toEqual({ status: 200, body: { actions: [] } });
    for (let k = 0; k < 5; k++) {
      const r = request(k, k % 2, 10 * k);
      const d = p.onArrival!(
        state,
        hybridConfig,
        r,
        fleetFromData(emptyFleet(10 * k)),
        ctx(10 * k),
      );
      state = d.state;
      const got = await s.call("/policies/warm/decide/arrival", {
        observation: r,
        fleet: emptyFleet(10 * k),
      });
      expect(got.status).toBe(200);
      expect(got.body.actions).toEqual(d.actions);
    }
    const snap = await s.call("/policies/warm/state");
    expect(snap.body.state).toEqual(JSON.parse(JSON.stringify(state)));
  });

  test("a hook the policy does not define answers no actions and leaves the state", async () => {
    await s.call("/policies/fixed/init", { fleet: emptyFleet(0) });
    const before = await s.call("/policies/fixed/state");
    const got = await s.call("/policies/fixed/decide/tick", { fleet: emptyFleet(5) });
    expect(got).toEqual({ status: 200, body: { actions: [] } });
    expect((await s.call("/policies/fixed/state")).body).toEqual(before.body);
  });

  test("the instances list says which hooks each answers and its tick", async () => {
    const got = await s.call("/policies");
    expect(got.body.instances).toEqual([
      {
        name: "warm",
        policy: "hybrid-histogram",
        tickS: null,
        usageS: null,
        hooks: expect.any(Array),
      },
      { name: "hpa", policy: "reactive", tickS: 15, usageS: null, hooks: ["tick"] },
      { name: "fixed", policy: "static", tickS: null, usageS: null, hooks: [] },
    ]);
    expect(got.body.instances[0].hooks).toContain("arrival");
  });

  test("the OpenAPI document lists every route with its body schema", async () => {
    const doc = (await s.call("/openapi.json")).body;
    expect(doc.openapi).toBe("3.1.0");
    for (const p of ["arrival", "notice", "tick", "idle", "timer", "usage"])
      expect(doc.paths).toHaveProperty([`/policies/{instance}/decide/${p}`]);
    const arrival = doc.paths["/policies/{instance}/decide/arrival"].post;
    const body = arrival.requestBody.content["application/json"].schema;
    expect(body.required).toEqual(["observation", "fleet"]);
    expect(body.properties.observation.properties.functionId.type).toBe("integer");
    expect(doc.paths).toHaveProperty(["/policies/{instance}/feedback/completion"]);
  });
});

describe("refusals", () => {
  test("a decision before init is refused with 409", async () => {
    const got = await s.call("/policies/hpa/decide/tick", { fleet: emptyFleet(0) });
    expect(got.status).toBe(409);
    expect(got.body.message).toMatch(/has not been initialized/);
  });

  test("an unknown instance is a 404 naming the ones there are", async () => {
    const got = await s.call("/policies/nope/init", { fleet: emptyFleet(0) });
    expect(got.status).toBe(404);
    expect(got.body.message).toBe('no policy instance "nope"; this server has warm, hpa, fixed');
  });

  test.each([
    ["an unknown key", { fleet: emptyFleet(0), extra: 1 }, /must NOT have additional properties/],
    ["a missing fleet", {}, /must have required property 'fleet'/],
    [
      "a number as text",
      { fleet: { ...emptyFleet(0), nowS: "5" } },
      /body\/fleet\/nowS must be number/,
    ],
    ["a random draw of 1", { fleet: emptyFleet(0), random: [1] }, /must be < 1/],
  ])("%s is a 400 that says what is wrong", async (_name, body, message) => {
    const got = await s.call("/policies/warm/init", body);
    expect(got.status).toBe(400);
    expect(got.body.message).toMatch(message);
  });

  test("a body that is not JSON is a 400", async () => {
    const got = await s.call("/policies/warm/init", "{not json");
    expect(got.status).toBe(400);
  });

  test("an observation the policy cannot work with is a 422, the state untouched", async () => {
    await s.call("/policies/hpa/init", { fleet: emptyFleet(0) });
    const before = (await s.call("/policies/hpa/state")).body;
    // The reactive policy needs the pool it made in init.
    const got = await s.call("/policies/hpa/decide/tick", { fleet: emptyFleet(15) });
    expect(got.status).toBe(422);
    expect(got.body.message).toMatch(/could not decide/);
    expect((await s.call("/policies/hpa/state")).body).toEqual(before);
  });
});

describe("state", () => {
  test("a restored snapshot decides as the state it was taken from", async () => {
    await s.call("/policies/warm/init", { fleet: emptyFleet(0) });
    await s.call("/policies/warm/decide/arrival", {
      observation: request(1, 7, 0),
      fleet: emptyFleet(0),
    });
    const snap = (await s.call("/policies/warm/state")).body;
    const next = { observation: request(2, 7, 50), fleet: emptyFleet(50) };
    const first = await s.call("/policies/warm/decide/arrival", next);
    const restored = await s.call("/policies/warm/state", { state: snap.state }, "PUT");
    expect(restored.body.state).toEqual(snap.state);
    expect(await s.call("/policies/warm/decide/arrival", next)).toEqual(first);
  });

  test("calls to one instance are taken one at a time, each written before its reply", async () => {
    const dir = mkdtempSync(join(tmpdir(), "serve-queue-"));
    try {
      const counter: Policy<unknown, { n: number }> = {
        name: "counter",
        description: "counts its calls",
        configSchema: hybrid.configSchema as never,
        typesUsed: () => [],
        init: () => ({ state: { n: 0 }, actions: [] }),
        onTick: (st) => ({ state: { n: st.n + 1 }, actions: [] }),
      };
      const files = new StateFiles(dir, false);
      const inst = new PolicyInstance(
        { name: "c", policy: counter as Policy, config: {} },
        1,
        files,
      );
      await inst.init({ fleet: emptyFleet(0) });
      const seen: number[] = [];
      await Promise.all(
        Array.from({ length: 100 }, (_, k) =>
          inst
            .call({ fleet: emptyFleet(k) }, (st, f, c) => {
              seen.push((st as { n: number }).n);
              return counter.onTick!(st as { n: number }, {}, f, c);
            })
            .then(() => {
              // Acknowledged: the file holds this call's state or a later one's.
              const kept = JSON.parse(readFileSync(files.path("c"), "utf8"));
              expect(kept.state.n).toBeGreaterThanOrEqual(k + 1);
            }),
        ),
      );
      expect(seen).toEqual(Array.from({ length: 100 }, (_, k) => k));
      expect(JSON.parse(readFileSync(files.path("c"), "utf8")).state).toEqual({ n: 100 });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
