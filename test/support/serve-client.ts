/** A policy server started in the test process on a free loopback port, and a JSON client for it. */
import type { FastifyInstance } from "fastify";
import type { InstanceSpec } from "../../sim/serve/policy-instance.js";
import { buildServer, type ServerOptions } from "../../sim/serve/server.js";

export interface Served {
  readonly app: FastifyInstance;
  readonly base: string;
  /** POST (or with `method`) a JSON body; the status and the parsed reply. */
  call(
    path: string,
    body?: unknown,
    method?: string,
    headers?: Record<string, string>,
  ): Promise<Reply>;
  close(): Promise<void>;
}

export interface Reply {
  readonly status: number;
  readonly body: any; // eslint-disable-line @typescript-eslint/no-explicit-any
}

export async function serve(
  instances: readonly InstanceSpec[],
  options: Partial<ServerOptions> = {},
): Promise<Served> {
  const app = buildServer({
    instances,
    seed: 1,
    files: null,
    token: null,
    bodyLimitBytes: 1 << 20,
    requestTimeoutMs: 10_000,
    idleTimeoutMs: 60_000,
    wasm: null,
    ...options,
  });
  const base = await app.listen({ host: "127.0.0.1", port: 0 });
  return {
    app,
    base,
    call: (path, body, method, headers) => request(base, path, body, method, headers),
    close: () => app.close(),
  };
}

export async function request(
  base: string,
  path: string,
  body?: unknown,
  method?: string,
  headers: Record<string, string> = {},
): Promise<Reply> {
  const res = await fetch(base + path, {
    method: method ?? (body === undefined ? "GET" : "POST"),
    headers: body === undefined ? headers : { "content-type": "application/json", ...headers },
    body: body === undefined ? undefined : typeof body === "string" ? body : JSON.stringify(body),
  });
  const text = await res.text();
  let parsed: unknown = text;
  try {
    parsed = JSON.parse(text);
  } catch {
    // Not JSON: kept as text for the assertion to show.
  }
  return { status: res.status, body: parsed };
}
