/**
 * `sim serve`: the policies of a scenario answering real requests over
 * HTTP/JSON. Every body is checked by fastify's validator against JSON
 * Schemas made from our zod schemas; each instance takes its calls one at a
 * time; the policy files are the very ones the simulator runs.
 */
import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest } from "fastify";
import type { WasmBinaries } from "../analysis/analyze.js";
import { analyzeSource } from "../analysis/analyze.js";
import { languageNamed } from "../analysis/languages.js";
import type { FleetData } from "../policies/fleet-data.js";
import type { Action, CompletionFeedback } from "../policies/types.js";
import { bearerCheck } from "./bearer.js";
import { DesiredPools } from "./desired-pools.js";
import { callHook, HOOKS } from "./hook-table.js";
import { ServeMetrics } from "./metrics.js";
import { registerProfileRequest } from "./profile-request.js";
import { openApiDocument } from "./openapi.js";
import { CallError, PolicyInstance, type InstanceSpec } from "./policy-instance.js";
import {
  analyzeBody,
  hookBody,
  initBody,
  instanceParams,
  jsonSchema,
  restoreBody,
} from "./route-schemas.js";
import type { StateFiles } from "./state-files.js";
import { registerUsageStream } from "./usage-route.js";
import { UsageStreams } from "./usage-streams.js";

export interface ServerOptions {
  readonly instances: readonly InstanceSpec[];
  /** Seed of the instances' own random streams. */
  readonly seed: number;
  /** Where states are kept; null keeps them in memory only. */
  readonly files: StateFiles | null;
  /** Required in every request's Authorization header (Bearer) when set. */
  readonly token: string | null;
  readonly bodyLimitBytes: number;
  /** A request must arrive whole within this time. */
  readonly requestTimeoutMs: number;
  /** A connection with no traffic for this long is closed. */
  readonly idleTimeoutMs: number;
  /** The analyzer's WebAssembly; null leaves /analyze out. */
  readonly wasm: WasmBinaries | null;
  /** Where the pool sizes each decision wants are kept (shared with the KEDA scaler); a fresh one when absent. */
  readonly desired?: DesiredPools;
  /** Bytes a usage stream may fall behind before it is cut off (1 MiB when absent). */
  readonly streamBufferBytes?: number;
}

interface CallBody {
  readonly fleet: FleetData;
  readonly observation?: unknown;
  readonly random?: number[];
}

type Params = { instance: string };

export function buildServer(opts: ServerOptions): FastifyInstance {
  const app = Fastify({
    bodyLimit: opts.bodyLimitBytes,
    requestTimeout: opts.requestTimeoutMs,
    // Node checks the request timeout only this often (30 s by default): a slow client is cut promptly.
    http: {
      connectionsCheckingInterval: Math.max(50, Math.min(1000, opts.requestTimeoutMs / 4)),
      headersTimeout: opts.requestTimeoutMs,
    },
    connectionTimeout: opts.idleTimeoutMs,
    keepAliveTimeout: Math.min(opts.idleTimeoutMs, 5000),
    logger: false,
    // Checked as written: no coercion of "5" to 5, no silent removal of unknown keys.
    ajv: {
      customOptions: {
        coerceTypes: false,
        removeAdditional: false,
        allErrors: false,
        allowUnionTypes: true,
      },
    },
  });
  const instances = new Map(
    opts.instances.map((s) => [s.name, new PolicyInstance(s, opts.seed, opts.files)]),
  );
  const names = [...instances.keys()];
  const instanceOf = (req: FastifyRequest<{ Params: Params }>): PolicyInstance => {
    const found = instances.get(req.params.instance);
    if (!found)
      throw new CallError(
        404,
        `no policy instance "${req.params.instance}"; this server has ${names.join(", ")}`,
      );
    return found;
  };
  if (opts.token !== null) app.addHook("onRequest", bearerCheck(opts.token));
  app.setErrorHandler((err: Error & { statusCode?: number }, _req, reply: FastifyReply) => {
    if (err instanceof CallError)
      return reply.code(err.status).send(errorOf(err.status, err.message));
    const status = err.statusCode ?? 500;
    // A 4xx of fastify's (validation, a body too large or not JSON) says what was wrong.
    if (status >= 400 && status < 500) return reply.code(status).send(errorOf(status, err.message));
    return reply.code(500).send(errorOf(500, "internal error"));
  });

  const metrics = new ServeMetrics();
  const desired = opts.desired ?? new DesiredPools();
  const streams = new UsageStreams(opts.streamBufferBytes ?? 1 << 20);
  /** Runs one decision of `inst`, counted and timed for /metrics, told to the usage streams. */
  const decide = async (
    inst: PolicyInstance,
    hook: string,
    body: CallBody,
    run: () => Promise<readonly Action[]>,
  ) => {
    const started = process.hrtime.bigint();
    const actions = await run();
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    const name = inst.spec.name;
    const completion = hook === "completion" ? (body.observation as CompletionFeedback) : undefined;
    metrics.decided(name, inst.spec.policy.name, hook, seconds, body.fleet, actions, completion);
    const sizes = desired.decided(name, body.fleet, actions);
    if (streams.listened(name)) publishDecision(streams, name, hook, body, actions, sizes, seconds);
    return { actions };
  };
  const params = jsonSchema(instanceParams);
  const doc = openApiDocument(names);
  app.get("/openapi.json", async () => doc);
  app.get("/health", async () => ({ ok: true }));
  app.get("/metrics", async (_req, reply) => {
    reply.header("content-type", metrics.contentType);
    return metrics.text();
  });
  app.get("/policies", async () => ({
    instances: [...instances.values()].map((i) => ({
      name: i.spec.name,
      policy: i.spec.policy.name,
      tickS: i.tickS,
      usageS: i.usageS,
      hooks: HOOKS.filter((h) => i.answers(h.hook, h.method)).map((h) => h.hook),
    })),
  }));
  app.post<{ Params: Params; Body: CallBody }>(
    "/policies/:instance/init",
    { schema: { params, body: jsonSchema(initBody) } },
    async (req) => {
      const inst = instanceOf(req);
      return decide(inst, "init", req.body, () => inst.init(req.body));
    },
  );
  for (const entry of HOOKS) {
    app.post<{ Params: Params; Body: CallBody }>(
      `/policies/:instance/${entry.route}/${entry.hook}`,
      { schema: { params, body: jsonSchema(hookBody(entry)) } },
      async (req) => {
        const inst = instanceOf(req);
        const { policy, config } = inst.spec;
        const answers = inst.answers(entry.hook, entry.method);
        return decide(inst, entry.hook, req.body, () =>
          inst.call(
            req.body,
            (state, fleet, ctx) =>
              answers
                ? callHook(entry, policy, state, config, req.body.observation, fleet, ctx)
                : undefined,
            entry.hook === "completion" ? (req.body.observation as CompletionFeedback) : undefined,
          ),
        );
      },
    );
  }
  registerUsageStream(
    app,
    streams,
    (name) => instances.has(name),
    params,
    Math.max(50, Math.min(15_000, opts.idleTimeoutMs / 2)),
  );
  registerProfileRequest(app, instanceOf, params);
  app.get<{ Params: Params }>("/policies/:instance/state", { schema: { params } }, (req) =>
    instanceOf(req).snapshot(),
  );
  app.put<{ Params: Params; Body: { state: unknown; streamIndex?: number } }>(
    "/policies/:instance/state",
    { schema: { params, body: jsonSchema(restoreBody) } },
    (req) => instanceOf(req).restore(req.body),
  );
  if (opts.wasm) {
    const wasm = opts.wasm;
    app.post<{ Body: { language: string; source: string; path?: string } }>(
      "/analyze",
      { schema: { body: jsonSchema(analyzeBody) } },
      async (req) => {
        const lang = languageNamed(req.body.language)!;
        try {
          return await analyzeSource(req.body.source, lang, wasm, req.body.path);
        } catch (e) {
          throw new CallError(422, `the code could not be analyzed: ${(e as Error).message}`);
        }
      },
    );
  }
  return app;
}

/** The events of one decision: its usage sample or completion when it had one, then its summary. */
function publishDecision(
  streams: UsageStreams,
  instance: string,
  hook: string,
  body: CallBody,
  actions: readonly Action[],
  sizes: ReadonlyMap<string, number>,
  seconds: number,
): void {
  const nowS = body.fleet.nowS;
  if (hook === "usage") streams.publish(instance, "usage", { nowS, sample: body.observation });
  if (hook === "completion")
    streams.publish(instance, "completion", { nowS, completion: body.observation });
  const kinds: Record<string, number> = {};
  for (const a of actions) kinds[a.kind] = (kinds[a.kind] ?? 0) + 1;
  streams.publish(instance, "decision", {
    nowS,
    hook,
    actions: kinds,
    desired: Object.fromEntries(sizes),
    micros: Math.round(seconds * 1e6),
  });
}

function errorOf(statusCode: number, message: string) {
  const error = statusCode === 500 ? "Internal Server Error" : statusText(statusCode);
  return { statusCode, error, message };
}

function statusText(code: number): string {
  const texts: Record<number, string> = {
    400: "Bad Request",
    401: "Unauthorized",
    404: "Not Found",
    409: "Conflict",
    413: "Payload Too Large",
    415: "Unsupported Media Type",
    422: "Unprocessable Entity",
  };
  return texts[code] ?? "Error";
}
