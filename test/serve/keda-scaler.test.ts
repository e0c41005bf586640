/**
 * The KEDA external scaler answered over gRPC on loopback, to a grpc-js
 * client built from the same externalscaler.proto: the size a policy
 * instance's last decision wants, whether it is active, the metric spec,
 * both streams, and the refusals (no instance, unknown instance, no token).
 */
import * as grpc from "@grpc/grpc-js";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { DEFAULT_CATALOG } from "../../sim/model/catalog/default-catalog.js";
import { typeViewOf } from "../../sim/model/type-view.js";
import type { FleetData } from "../../sim/policies/fleet-data.js";
import { findPolicy } from "../../sim/policies/registry.js";
import { DesiredPools } from "../../sim/serve/desired-pools.js";
import {
  buildExternalScaler,
  externalScalerDefinition,
  listenScaler,
} from "../../sim/serve/keda/external-scaler.js";
import { serve, type Served } from "../support/serve-client.js";

const TYPES = [...DEFAULT_CATALOG.values()].map(typeViewOf);
const empty = (nowS: number): FleetData => ({ nowS, pools: [], types: TYPES });

type Any = any; // eslint-disable-line @typescript-eslint/no-explicit-any
const Client = (externalScalerDefinition()["externalscaler"] as grpc.GrpcObject)[
  "ExternalScaler"
] as grpc.ServiceClientConstructor;

function unary(client: Any, method: string, req: unknown, md = new grpc.Metadata()): Promise<Any> {
  return new Promise((resolve, reject) =>
    client[method](req, md, (err: grpc.ServiceError | null, res: unknown) =>
      err ? reject(err) : resolve(res),
    ),
  );
}

/** The first `n` messages of a server stream, then the stream cancelled. */
function firstMessages(stream: grpc.ClientReadableStream<Any>, n: number): Promise<Any[]> {
  const got: Any[] = [];
  return new Promise((resolve, reject) => {
    stream.on("data", (m: Any) => {
      got.push(m);
      if (got.length === n) {
        stream.cancel();
        resolve(got);
      }
    });
    stream.on("error", (e: grpc.ServiceError) => {
      if (e.code !== grpc.status.CANCELLED) reject(e);
    });
  });
}

const ref = (meta: Record<string, string>) => ({
  name: "web",
  namespace: "default",
  scalerMetadata: meta,
});

const hybrid = findPolicy("hybrid-histogram")!;
const fixed = findPolicy("static")!;

let s: Served;
let scaler: grpc.Server;
let client: Any;
beforeAll(async () => {
  const desired = new DesiredPools();
  s = await serve(
    [
      { name: "warm", policy: hybrid, config: hybrid.configSchema.parse({ type: "lambda-1769" }) },
      {
        name: "fixed",
        policy: fixed,
        config: fixed.configSchema.parse({ fleet: { "m5.large": 3, "c5.large": 2 } }),
      },
    ],
    { desired },
  );
  scaler = buildExternalScaler({ desired, instances: ["warm", "fixed"], token: null });
  const port = await listenScaler(scaler, "127.0.0.1", 0);
  client = new Client(`127.0.0.1:${port}`, grpc.credentials.createInsecure());
});
afterAll(async () => {
  client.close();
  scaler.forceShutdown();
  await s.close();
});

describe("unary calls", () => {
  test("before the instance's first decision the size is unavailable, not 0", async () => {
    await expect(
      unary(client, "GetMetrics", { scaledObjectRef: ref({ instance: "fixed" }), metricName: "" }),
    ).rejects.toMatchObject({ code: grpc.status.UNAVAILABLE });
  });

  test("the size the last decision wants, per pool and summed", async () => {
    const init = await s.call("/policies/fixed/init", { fleet: empty(0) });
    const pools = new Map<string, number>();
    for (const a of init.body.actions as Any[])
      if (a.kind === "provision") pools.set(a.pool, (pools.get(a.pool) ?? 0) + a.count);
    // The static policy starts its whole fleet in one pool.
    expect([...pools]).toEqual([["default", 5]]);
    const all = await unary(client, "GetMetrics", {
      scaledObjectRef: ref({ instance: "fixed" }),
      metricName: "s0-provisim-fixed",
    });
    expect(all.metricValues).toEqual([
      { metricName: "s0-provisim-fixed", metricValue: 5, metricValueFloat: 5 },
    ]);
    for (const [pool, size] of pools) {
      const one = await unary(client, "GetMetrics", {
        scaledObjectRef: ref({ instance: "fixed", pool }),
        metricName: "",
      });
      expect(one.metricValues[0].metricValue).toBe(size);
      expect(one.metricValues[0].metricValueFloat).toBe(size);
    }
    expect(await unary(client, "IsActive", ref({ instance: "fixed" }))).toEqual({ result: true });
    const none = await unary(client, "GetMetrics", {
      scaledObjectRef: ref({ instance: "fixed", pool: "no-such-pool" }),
      metricName: "",
    });
    expect(none.metricValues[0].metricValue).toBe(0);
  });

  test("the metric spec: one metric, a target of 1 per replica", async () => {
    const spec = await unary(client, "GetMetricSpec", ref({ instance: "fixed", pool: "a.b" }));
    expect(spec).toEqual({
      metricSpecs: [{ metricName: "provisim-fixed-a-b", targetSize: 1, targetSizeFloat: 1 }],
    });
  });

  test("a trigger without an instance, or with an unknown one, is refused with why", async () => {
    await expect(unary(client, "IsActive", ref({}))).rejects.toMatchObject({
      code: grpc.status.INVALID_ARGUMENT,
      details: expect.stringContaining('"instance"'),
    });
    await expect(unary(client, "GetMetricSpec", ref({ instance: "nope" }))).rejects.toMatchObject({
      code: grpc.status.NOT_FOUND,
      details: expect.stringContaining("warm, fixed"),
    });
  });
});

describe("streams", () => {
  test("StreamIsActive sends the state at once and then each change", async () => {
    await s.call("/policies/warm/init", { fleet: empty(0) });
    const stream = client.StreamIsActive(ref({ instance: "warm" }));
    let first!: () => void;
    const opened = new Promise<void>((r) => (first = r));
    stream.once("data", () => first());
    const messages = firstMessages(stream, 3);
    // The stream's first answer is in before the decisions that change it.
    await opened;
    // An arrival on an empty fleet: the policy starts an instance for it.
    const arrival = await s.call("/policies/warm/decide/arrival", {
      observation: { id: 1, functionId: 4, arrivalS: 1, features: null },
      fleet: empty(1),
    });
    expect(arrival.body.actions.some((a: Any) => a.kind === "provision")).toBe(true);
    // A second arrival that also provisions does not change "active": nothing is sent.
    await s.call("/policies/warm/decide/arrival", {
      observation: { id: 2, functionId: 4, arrivalS: 2, features: null },
      fleet: empty(2),
    });
    // A tick on an empty fleet wants nothing.
    await s.call("/policies/warm/decide/tick", { fleet: empty(3) });
    expect(await messages).toEqual([{ result: false }, { result: true }, { result: false }]);
  });

  test("StreamMetricSpec sends the current spec when opened", async () => {
    const [spec] = await firstMessages(client.StreamMetricSpec(ref({ instance: "warm" })), 1);
    expect(spec).toEqual({
      metricSpecs: [{ metricName: "provisim-warm", targetSize: 1, targetSizeFloat: 1 }],
    });
  });

  test("a stream for an unknown instance ends with NOT_FOUND", async () => {
    await expect(
      firstMessages(client.StreamIsActive(ref({ instance: "nope" })), 1),
    ).rejects.toMatchObject({ code: grpc.status.NOT_FOUND });
  });
});

describe("a scaler with a bearer token", () => {
  test("answers a client with the token, as gRPC metadata or trigger metadata, only", async () => {
    const desired = new DesiredPools();
    desired.decided("fixed", empty(0), [
      { kind: "provision", pool: "p", type: "m5.large", count: 2 },
    ]);
    const token = "a-token-of-enough-length";
    const guarded = buildExternalScaler({ desired, instances: ["fixed"], token });
    const port = await listenScaler(guarded, "127.0.0.1", 0);
    const c: Any = new Client(`127.0.0.1:${port}`, grpc.credentials.createInsecure());
    try {
      await expect(unary(c, "IsActive", ref({ instance: "fixed" }))).rejects.toMatchObject({
        code: grpc.status.UNAUTHENTICATED,
      });
      await expect(
        unary(c, "IsActive", ref({ instance: "fixed", bearerToken: "wrong" })),
      ).rejects.toMatchObject({ code: grpc.status.UNAUTHENTICATED });
      await expect(
        firstMessages(c.StreamIsActive(ref({ instance: "fixed" })), 1),
      ).rejects.toMatchObject({ code: grpc.status.UNAUTHENTICATED });
      const md = new grpc.Metadata();
      md.set("authorization", `Bearer ${token}`);
      expect(await unary(c, "IsActive", ref({ instance: "fixed" }), md)).toEqual({ result: true });
      expect(await unary(c, "IsActive", ref({ instance: "fixed", bearerToken: token }))).toEqual({
        result: true,
      });
      // As KEDA sends it: a `...FromEnv` key with the variable's value put in its place.
      expect(
        await unary(c, "IsActive", ref({ instance: "fixed", bearerTokenFromEnv: token })),
      ).toEqual({ result: true });
    } finally {
      c.close();
      guarded.forceShutdown();
    }
  });
});
