/**
 * `sim serve` against bad clients: off loopback it will not start without a
 * bearer token; with one, requests without it are refused; random and
 * mangled bodies get a 4xx, never a 5xx; slow clients are cut off.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { connect } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import fc from "fast-check";
import { afterAll, describe, expect, test } from "vitest";
import { DEFAULT_CATALOG } from "../../sim/model/catalog/default-catalog.js";
import { typeViewOf } from "../../sim/model/type-view.js";
import { findPolicy } from "../../sim/policies/registry.js";
import { bindRefusal } from "../../sim/serve/bearer.js";
import { buildServer } from "../../sim/serve/server.js";
import { serve } from "../support/serve-client.js";

const bin = join(import.meta.dirname, "../../bin/sim.js");
const dir = mkdtempSync(join(tmpdir(), "serve-secure-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const config = join(dir, "serve.yaml");
writeFileSync(config, "policies:\n  - policy: static\n    config: { fleet: { m5.large: 1 } }\n");

const TYPES = [...DEFAULT_CATALOG.values()].map(typeViewOf);
const hybrid = findPolicy("hybrid-histogram")!;
const instances = [
  { name: "warm", policy: hybrid, config: hybrid.configSchema.parse({ type: "lambda-1769" }) },
];

describe("binding", () => {
  test("another address than loopback without a token: refuses to start, exit 2", () => {
    const r = spawnSync(
      process.execPath,
      [bin, "serve", "--config", config, "--host", "0.0.0.0", "--memory-only"],
      { encoding: "utf8", env: { ...process.env, PROVISIM_SERVE_TOKEN: "" } },
    );
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/listening on 0\.0\.0\.0, beyond this machine, needs a bearer token/);
  });

  test("loopback needs none; a short token is refused", () => {
    expect(bindRefusal("127.0.0.1", null)).toBeNull();
    expect(bindRefusal("::1", null)).toBeNull();
    expect(bindRefusal("10.0.0.5", null)).toMatch(/needs a bearer token/);
    expect(bindRefusal("0.0.0.0", "short")).toMatch(/too short/);
    expect(bindRefusal("0.0.0.0", "a-token-of-enough-length")).toBeNull();
  });

  test("a config with a mistake: its file, line and path, exit 2, nothing served", () => {
    const bad = join(dir, "bad.yaml");
    writeFileSync(
      bad,
      "polices: []\npolicies:\n  - policy: static\n    config: { fleet: { m5.lage: 1 } }\n",
    );
    const r = spawnSync(process.execPath, [bin, "serve", "--config", bad, "--memory-only"], {
      encoding: "utf8",
    });
    expect(r.status).toBe(2);
    expect(r.stderr).toContain(
      `${bad}:1:1: polices: unknown key "polices" (did you mean "policies"?)`,
    );
    expect(r.stderr).toMatch(
      /bad\.yaml:4:24: policies\[0\]\.config\.fleet\.m5\.lage: unknown instance type "m5\.lage" \(did you mean "m5\.large"\?\)/,
    );
  });

  test("with a token, a request without it is a 401", async () => {
    const token = "t0ken-of-some-length";
    const s = await serve(instances, { token });
    try {
      expect((await s.call("/policies")).status).toBe(401);
      expect(
        (await s.call("/policies", undefined, "GET", { authorization: "Bearer nope" })).status,
      ).toBe(401);
      const ok = await s.call("/policies", undefined, "GET", { authorization: `Bearer ${token}` });
      expect(ok.status).toBe(200);
    } finally {
      await s.close();
    }
  });
});

describe("fuzzed bodies", () => {
  const valid = {
    observation: { id: 1, functionId: 2, arrivalS: 3, features: null },
    fleet: { nowS: 3, pools: [], types: TYPES },
  };
  const routes = [
    "/policies/warm/init",
    "/policies/warm/decide/arrival",
    "/policies/warm/decide/notice",
    "/policies/warm/decide/idle",
    "/policies/warm/decide/timer",
    "/policies/warm/decide/tick",
    "/policies/warm/feedback/completion",
    "/policies/nope/decide/tick",
    "/policies/warm/state",
  ];
  /** A valid body with one value somewhere replaced by any JSON. */
  const mangled = fc.tuple(fc.jsonValue(), fc.nat(), fc.boolean()).map(([value, pick, drop]) => {
    const body = structuredClone(valid) as Record<string, unknown>;
    const paths: [Record<string, unknown>, string][] = [];
    const walk = (o: unknown) => {
      if (o && typeof o === "object")
        for (const k of Object.keys(o)) {
          paths.push([o as Record<string, unknown>, k]);
          walk((o as Record<string, unknown>)[k]);
        }
    };
    walk(body);
    const [holder, key] = paths[pick % paths.length]!;
    if (drop) delete holder[key];
    else holder[key] = value;
    return JSON.stringify(body);
  });
  const text = fc.oneof(
    fc.jsonValue().map((v) => JSON.stringify(v)),
    mangled,
    fc.string(),
    fc.constant(JSON.stringify(valid)),
  );

  test("10^4 bodies: a reply for each, never a 5xx", async () => {
    const app = buildServer({
      instances,
      seed: 1,
      files: null,
      token: null,
      bodyLimitBytes: 1 << 20,
      requestTimeoutMs: 10_000,
      idleTimeoutMs: 60_000,
      wasm: null,
    });
    await app.ready();
    const statuses = new Map<number, number>();
    try {
      await app.inject({ method: "POST", url: "/policies/warm/init", payload: valid });
      await fc.assert(
        fc.asyncProperty(
          fc.constantFrom(...routes),
          text,
          fc.boolean(),
          async (url, payload, put) => {
            const r = await app.inject({
              method: url.endsWith("/state") && put ? "PUT" : "POST",
              url,
              payload,
              headers: { "content-type": "application/json" },
            });
            statuses.set(r.statusCode, (statuses.get(r.statusCode) ?? 0) + 1);
            expect(r.statusCode, `${url} ${payload.slice(0, 200)} -> ${r.body}`).toBeLessThan(500);
            if (r.statusCode >= 400) expect(JSON.parse(r.body).message).toEqual(expect.any(String));
          },
        ),
        { numRuns: 10_000, seed: 20261202 },
      );
    } finally {
      await app.close();
    }
    // Bodies that passed validation were tried too: answered, or refused by the
    // policy (a restored state of random JSON makes it refuse what follows).
    expect((statuses.get(200) ?? 0) + (statuses.get(422) ?? 0)).toBeGreaterThan(20);
    expect(statuses.get(400)).toBeGreaterThan(100);
  });
});

describe("slow clients", () => {
  /** Resolves when the server closes the connection; `drip` sends a byte of header at a time. */
  function slowClient(port: number, drip: boolean): Promise<string> {
    return new Promise((resolve) => {
      const socket = connect(port, "127.0.0.1");
      let got = "";
      let timer: NodeJS.Timeout | undefined;
      socket.on("connect", () => {
        socket.write("POST /policies/warm/init HTTP/1.1\r\nHost: x\r\n");
        if (drip) timer = setInterval(() => socket.write("X"), 100);
      });
      socket.on("data", (b) => (got += b.toString()));
      socket.on("error", () => {});
      socket.on("close", () => {
        clearInterval(timer);
        resolve(got);
      });
    });
  }

  test("a client that stops sending is disconnected", async () => {
    const s = await serve(instances, { idleTimeoutMs: 300 });
    try {
      const port = Number(new URL(s.base).port);
      await slowClient(port, false);
    } finally {
      await s.close();
    }
  });

  test("a client that sends its request too slowly is cut off with a 408", async () => {
    const s = await serve(instances, { requestTimeoutMs: 500 });
    try {
      const port = Number(new URL(s.base).port);
      expect(await slowClient(port, true)).toMatch(/^HTTP\/1\.1 408/);
    } finally {
      await s.close();
    }
  });
});
