/**
 * KEDA's external scaler over gRPC: a ScaledObject's trigger names a policy
 * instance (and optionally one of its pools) in its metadata, and KEDA
 * scales the Deployment to the size that instance's last decision wants
 * (see desired-pools.ts). The metric is that size with a target of 1 per
 * replica, so the HPA's AverageValue rule, ceil(value / target), gives the
 * size itself, within the ScaledObject's min and max.
 *
 * Trigger metadata: `instance` (required), `pool` (optional; without it the
 * instance's pools summed), and, when the server has a token and the client
 * sends no `authorization: Bearer` gRPC metadata, the token in
 * `bearerTokenFromEnv` or `bearerToken`. KEDA sends no gRPC metadata of its
 * own, but replaces the value of a trigger key ending in `FromEnv` by that
 * environment variable of the scaled Deployment's container (KEDA's
 * pkg/scalers/external_scaler.go), so the token can come from a Secret.
 */
import * as grpc from "@grpc/grpc-js";
import * as protoLoader from "@grpc/proto-loader";
import { createHash, timingSafeEqual } from "node:crypto";
import type { DesiredPools, PoolSizes } from "../desired-pools.js";
import { externalScalerProto } from "./proto-file.js";

interface ScaledObjectRef {
  name: string;
  namespace: string;
  scalerMetadata: Record<string, string>;
}
interface GetMetricsRequest {
  scaledObjectRef: ScaledObjectRef | null;
  metricName: string;
}

export interface ExternalScalerOptions {
  readonly desired: DesiredPools;
  readonly instances: readonly string[];
  /** Required from every client when set, as gRPC metadata or trigger metadata. */
  readonly token: string | null;
}

/** What a trigger asks about, or why it cannot be answered. */
interface Target {
  readonly instance: string;
  readonly pool: string | null;
}

class ScalerError extends Error {
  constructor(
    readonly code: grpc.status,
    message: string,
  ) {
    super(message);
  }
}

/** The service definition loaded from externalscaler.proto (field names as written). */
export function externalScalerDefinition(): grpc.GrpcObject {
  const def = protoLoader.loadSync(externalScalerProto(), {
    keepCase: true,
    longs: Number,
    defaults: true,
    oneofs: true,
  });
  return grpc.loadPackageDefinition(def);
}

function serviceOf(pkg: grpc.GrpcObject): grpc.ServiceDefinition {
  const ns = pkg["externalscaler"] as grpc.GrpcObject;
  return (ns["ExternalScaler"] as grpc.ServiceClientConstructor).service;
}

export function metricNameOf(t: Target): string {
  return `provisim-${t.instance}${t.pool === null ? "" : `-${t.pool}`}`.replace(
    /[^A-Za-z0-9-]/g,
    "-",
  );
}

/** The gRPC server with the ExternalScaler service; bind it with `listenScaler`. */
export function buildExternalScaler(opts: ExternalScalerOptions): grpc.Server {
  const known = new Set(opts.instances);
  const want = opts.token === null ? null : digest(opts.token);

  const targetOf = (ref: ScaledObjectRef | null, md: grpc.Metadata): Target => {
    const meta = ref?.scalerMetadata ?? {};
    if (want !== null) {
      const header = md.get("authorization")[0];
      const given =
        typeof header === "string" && header.startsWith("Bearer ")
          ? header.slice(7)
          : (meta["bearerTokenFromEnv"] ?? meta["bearerToken"] ?? null);
      if (given === null || !timingSafeEqual(digest(given), want))
        throw new ScalerError(grpc.status.UNAUTHENTICATED, "a valid bearer token is required");
    }
    const instance = meta["instance"];
    if (instance === undefined || instance === "")
      throw new ScalerError(
        grpc.status.INVALID_ARGUMENT,
        `the trigger's metadata must name a policy instance ("instance"): one of ${[...known].join(", ")}`,
      );
    if (!known.has(instance))
      throw new ScalerError(
        grpc.status.NOT_FOUND,
        `no policy instance "${instance}"; this server has ${[...known].join(", ")}`,
      );
    const pool = meta["pool"];
    return { instance, pool: pool === undefined || pool === "" ? null : pool };
  };

  const sizeOf = (t: Target): number => {
    const sizes = opts.desired.of(t.instance);
    if (!sizes)
      throw new ScalerError(
        grpc.status.UNAVAILABLE,
        `policy instance "${t.instance}" has decided nothing since the server started`,
      );
    return totalOf(sizes, t.pool);
  };

  const specOf = (t: Target) => ({
    metricSpecs: [{ metricName: metricNameOf(t), targetSize: 1, targetSizeFloat: 1 }],
  });

  const unary =
    <Req, Res>(answer: (req: Req, md: grpc.Metadata) => Res) =>
    (call: grpc.ServerUnaryCall<Req, Res>, done: grpc.sendUnaryData<Res>) => {
      try {
        done(null, answer(call.request, call.metadata));
      } catch (e) {
        done(asServiceError(e));
      }
    };

  const server = new grpc.Server();
  server.addService(serviceOf(externalScalerDefinition()), {
    IsActive: unary((ref: ScaledObjectRef, md) => ({ result: sizeOf(targetOf(ref, md)) > 0 })),
    GetMetricSpec: unary((ref: ScaledObjectRef, md) => specOf(targetOf(ref, md))),
    GetMetrics: unary((req: GetMetricsRequest, md) => {
      const t = targetOf(req.scaledObjectRef, md);
      const size = sizeOf(t);
      const metricName = req.metricName === "" ? metricNameOf(t) : req.metricName;
      return { metricValues: [{ metricName, metricValue: size, metricValueFloat: size }] };
    }),
    // Sends whether the instance is active now, then each time that changes.
    StreamIsActive: (call: grpc.ServerWritableStream<ScaledObjectRef, { result: boolean }>) => {
      let t: Target;
      try {
        t = targetOf(call.request, call.metadata);
      } catch (e) {
        call.emit("error", asServiceError(e));
        return;
      }
      let sent: boolean | null = null;
      const send = (sizes: PoolSizes | undefined) => {
        if (!sizes) return;
        const active = totalOf(sizes, t.pool) > 0;
        if (active === sent) return;
        sent = active;
        call.write({ result: active });
      };
      send(opts.desired.of(t.instance));
      const stop = opts.desired.onChange((instance, sizes) => {
        if (instance === t.instance) send(sizes);
      });
      call.on("cancelled", stop);
      call.on("close", stop);
    },
    // The spec is fixed for a trigger (a target of 1 per replica): sent once, the stream then held open.
    StreamMetricSpec: (call: grpc.ServerWritableStream<ScaledObjectRef, unknown>) => {
      try {
        call.write(specOf(targetOf(call.request, call.metadata)));
      } catch (e) {
        call.emit("error", asServiceError(e));
      }
    },
  });
  return server;
}

/** Binds the scaler to host:port (0: any free one) without TLS; resolves the port bound. */
export function listenScaler(server: grpc.Server, host: string, port: number): Promise<number> {
  const address = host.includes(":") ? `[${host}]:${port}` : `${host}:${port}`;
  return new Promise((resolve, reject) => {
    server.bindAsync(address, grpc.ServerCredentials.createInsecure(), (err, bound) =>
      err ? reject(err) : resolve(bound),
    );
  });
}

function totalOf(sizes: PoolSizes, pool: string | null): number {
  if (pool !== null) return sizes.get(pool) ?? 0;
  let sum = 0;
  for (const v of sizes.values()) sum += v;
  return sum;
}

function asServiceError(e: unknown): Partial<grpc.StatusObject> & Error {
  if (e instanceof ScalerError)
    return Object.assign(new Error(e.message), { code: e.code, details: e.message });
  return Object.assign(new Error("internal error"), {
    code: grpc.status.INTERNAL,
    details: "internal error",
  });
}

const digest = (s: string) => createHash("sha256").update(s).digest();
