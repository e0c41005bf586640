/**
 * `npm run bench serve`: decisions per second and latency of `sim serve` on
 * 127.0.0.1, for the static and reactive policies, at a fixed offered rate
 * (autocannon in this process, the server in a child so they do not share
 * an event loop). Bounded: a fixed duration per policy, loopback only.
 */
import { spawn } from "node:child_process";
import autocannon from "autocannon";
import { DEFAULT_CATALOG } from "../sim/model/catalog/default-catalog.js";
import { typeViewOf } from "../sim/model/type-view.js";
import { findPolicy } from "../sim/policies/registry.js";
import { buildServer } from "../sim/serve/server.js";

const TYPES = [...DEFAULT_CATALOG.values()].map(typeViewOf);

const INSTANCES = [
  { name: "static", policy: "static", config: { fleet: { "m5.large": 4 } } },
  { name: "reactive", policy: "reactive", config: { mode: "faas", type: "lambda-1769" } },
];

/** The child: the server with both instances, its address on stdout. */
export async function serveChild(): Promise<void> {
  const app = buildServer({
    instances: INSTANCES.map((i) => {
      const policy = findPolicy(i.policy)!;
      return { name: i.name, policy, config: policy.configSchema.parse(i.config) };
    }),
    seed: 1,
    files: null,
    token: null,
    bodyLimitBytes: 1 << 20,
    requestTimeoutMs: 10_000,
    idleTimeoutMs: 60_000,
    wasm: null,
  });
  process.stdout.write(`${await app.listen({ host: "127.0.0.1", port: 0 })}\n`);
}

const fleet = { nowS: 10, pools: [], types: TYPES };
const arrival = JSON.stringify({
  observation: { id: 1, functionId: 3, arrivalS: 10, features: { complexityScore: 40 } },
  fleet,
});

export interface ServeFigures {
  readonly offeredPerS: number;
  readonly decisionsPerS: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
  readonly errors: number;
  readonly non2xx: number;
}

export async function serveBenchmark(
  self: string,
  seconds: number,
  rate: number,
): Promise<Record<string, ServeFigures>> {
  const child = spawn(process.execPath, [self, "--serve-child"], {
    stdio: ["ignore", "pipe", "inherit"],
  });
  try {
    const base = await new Promise<string>((resolve, reject) => {
      child.stdout!.once("data", (b: Buffer) => resolve(b.toString().trim()));
      child.once("exit", (code) => reject(new Error(`the server exited ${code}`)));
    });
    const out: Record<string, ServeFigures> = {};
    for (const { name } of INSTANCES) {
      const init = await fetch(`${base}/policies/${name}/init`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ fleet }),
      });
      if (init.status !== 200) throw new Error(`init of ${name}: ${init.status}`);
      const run = (duration: number) =>
        autocannon({
          url: `${base}/policies/${name}/decide/arrival`,
          method: "POST",
          headers: { "content-type": "application/json" },
          body: arrival,
          connections: 10,
          overallRate: rate,
          duration,
        });
      await run(1); // warm-up
      const r = await run(seconds);
      out[name] = {
        offeredPerS: rate,
        decisionsPerS: r.requests.average,
        p50Ms: r.latency.p50,
        p99Ms: r.latency.p99,
        errors: r.errors + r.timeouts,
        non2xx: r.non2xx,
      };
      console.error(
        `serve, ${name}: ${r.requests.average.toFixed(0)} decisions/s offered ${rate}/s, p50 ${r.latency.p50} ms, p99 ${r.latency.p99} ms, ${r.errors} errors, ${r.non2xx} non-2xx`,
      );
    }
    return out;
  } finally {
    child.kill();
  }
}
