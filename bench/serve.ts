/**
 * `npm run bench serve`: `sim serve` on 127.0.0.1 under load, each party in
 * its own process (the server, the load generator, autocannon), against a
 * bare node:http server answering the same JSON in the same run.
 *
 * - Latency at a fixed offered rate, open loop, measured by our own client
 *   in microseconds (serve-load.ts) and by autocannon (whole milliseconds),
 *   with each process's CPU share.
 * - Memory across `memoryRequests` decisions (closed loop): the server's
 *   heap after a full GC every tenth of the way.
 * - A CPU profile of the route (node --cpu-prof), its top self-time functions.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import autocannon from "autocannon";
import type { Server as HttpServer } from "node:http";
import { DEFAULT_CATALOG } from "../sim/model/catalog/default-catalog.js";
import { defaultProfilesFor } from "../sim/model/profiles.js";
import { typeViewOf } from "../sim/model/type-view.js";
import { findPolicy } from "../sim/policies/registry.js";
import { buildServer } from "../sim/serve/server.js";
import { topSelfTime, type SelfTime } from "./cpu-profile.js";
import { bareServer } from "./serve-bare.js";
import { runLoad, type LoadFigures, type LoadSpec } from "./serve-load.js";

const TYPES = [...DEFAULT_CATALOG.values()].map(typeViewOf);

const INSTANCES = [
  { name: "static", policy: "static", config: { fleet: { "m5.large": 4 } } },
  { name: "reactive", policy: "reactive", config: { mode: "faas", type: "lambda-1769" } },
  { name: "complexity-table", policy: "complexity-table", config: { type: "m5.2xlarge" } },
];

/**
 * Server-side reply times: from the request event (its head parsed) to the
 * reply handed to the socket, in microseconds, for the parent to read.
 */
const REPLY_RING = 1 << 17;
const replyUs = new Float64Array(REPLY_RING);
let replies = 0;
function timeReplies(server: HttpServer): void {
  server.on("request", (_req, res) => {
    const t0 = process.hrtime.bigint();
    res.once("finish", () => {
      replyUs[replies++ % REPLY_RING] = Number(process.hrtime.bigint() - t0) / 1e3;
    });
  });
}

/** The reply times since the last call (the newest REPLY_RING of them), sorted. */
function takeReplies(): Float64Array {
  const kept = replyUs.slice(0, Math.min(replies, REPLY_RING)).sort();
  replies = 0;
  return kept;
}

/** A child's answers to its parent: memory after a full GC, CPU time so far, exit (writing a --cpu-prof). */
function answerParent(): void {
  process.on("message", (m: string) => {
    const gc = (globalThis as { gc?: () => void }).gc;
    if (m === "mem") {
      gc?.();
      process.send!({ mem: process.memoryUsage() });
    } else if (m === "cpu") process.send!({ cpu: process.cpuUsage() });
    else if (m === "replies") {
      const sorted = takeReplies();
      const q = (p: number) => sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))]!;
      process.send!({
        replies: { count: sorted.length, p50Us: q(0.5), p99Us: q(0.99), p999Us: q(0.999) },
      });
    } else if (m === "exit") process.exit(0);
  });
}

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
  answerParent();
  const address = await app.listen({ host: "127.0.0.1", port: 0 });
  timeReplies(app.server);
  process.stdout.write(`${address}\n`);
}

/** The child: the bare node:http server. */
export async function bareChild(): Promise<void> {
  answerParent();
  const { url, server } = await bareServer();
  timeReplies(server);
  process.stdout.write(`${url}\n`);
}

/** The child: one load run, its figures on stdout. */
export async function loadChild(spec: string): Promise<void> {
  process.stdout.write(JSON.stringify(await runLoad(JSON.parse(spec) as LoadSpec)));
}

/** The child: one autocannon run at a fixed rate, its figures on stdout. */
export async function autocannonChild(spec: string): Promise<void> {
  const s = JSON.parse(spec) as { url: string; body: string; rate: number; seconds: number };
  const cpu0 = process.cpuUsage();
  const r = await autocannon({
    url: s.url,
    method: "POST",
    headers: { "content-type": "application/json" },
    body: s.body,
    connections: 10,
    overallRate: s.rate,
    duration: s.seconds,
  });
  const cpu = process.cpuUsage(cpu0);
  process.stdout.write(
    JSON.stringify({
      perS: r.requests.average,
      p50Ms: r.latency.p50,
      p99Ms: r.latency.p99,
      errors: r.errors + r.timeouts,
      non2xx: r.non2xx,
      clientCpuShare: (cpu.user + cpu.system) / 1e6 / s.seconds,
    }),
  );
}

const fleet = { nowS: 10, pools: [], types: TYPES };
const observation = { id: 1, functionId: 3, arrivalS: 10, features: { complexityScore: 40 } };
const arrival = JSON.stringify({ observation, fleet });

/**
 * complexity-table packs allocations on its node pool, so its arrival comes
 * with one: four running m5.2xlarge, each with three Large allocations and
 * room for more, and the default profiles.
 */
function packedFleet() {
  const type = TYPES.find((t) => t.name === "m5.2xlarge")!;
  const profiles = [...defaultProfilesFor(DEFAULT_CATALOG).values()];
  const large = profiles.find((p) => p.name === "Large")!;
  const instances = [0, 1, 2, 3].map((k) => {
    const allocations = [0, 1, 2].map((j) => ({
      requestId: 100 + 3 * k + j,
      vcpu: large.vcpu,
      memMiB: large.memMiB,
      gpus: large.gpus,
      networkMbps: large.networkMbps,
    }));
    return {
      id: k + 1,
      pool: "default",
      typeName: type.name,
      state: "busy" as const,
      runningRequestIds: allocations.map((a) => a.requestId),
      slots: 32,
      busySlots: 3,
      freeSlots: 29,
      requestedAtS: 0,
      readyAtS: 2,
      idleSinceS: null,
      free: {
        vcpu: type.vcpu - 3 * large.vcpu,
        memMiB: type.memMiB - 3 * large.memMiB,
        gpus: type.gpus,
        networkMbps: type.networkMbps - 3 * large.networkMbps,
      },
      allocations,
    };
  });
  const pool = {
    id: "default",
    functionId: -1,
    routing: "least-loaded" as const,
    concurrency: 32,
    queueLength: 0,
    booting: 0,
    ready: 4,
    draining: 0,
    idle: 0,
    busySlots: 12,
    freeSlots: 116,
    bootingSlots: 0,
    busySlotSeconds: 96,
    readySlotSeconds: 1024,
    instances,
  };
  return { nowS: 10, pools: [pool], types: TYPES, profiles };
}

/** The arrival body each instance is sent. */
const arrivalFor = (name: string) =>
  name === "complexity-table" ? JSON.stringify({ observation, fleet: packedFleet() }) : arrival;

interface Server {
  readonly child: ChildProcess;
  readonly base: string;
  ask<T>(m: string): Promise<T>;
  stop(): Promise<void>;
}

async function startServer(self: string, mode: string, nodeArgs: string[] = []): Promise<Server> {
  const child = spawn(process.execPath, ["--expose-gc", ...nodeArgs, self, mode], {
    stdio: ["ignore", "pipe", "inherit", "ipc"],
  });
  const base = await new Promise<string>((resolve, reject) => {
    child.stdout!.once("data", (b: Buffer) => resolve(b.toString().trim()));
    child.once("exit", (code) => reject(new Error(`the server exited ${code}`)));
  });
  return {
    child,
    base,
    ask: <T>(m: string) =>
      new Promise<T>((resolve) => {
        child.once("message", (r) => resolve(r as T));
        child.send(m);
      }),
    stop: () =>
      new Promise<void>((resolve) => {
        child.once("exit", () => resolve());
        child.send("exit");
      }),
  };
}

/** Runs a child of `self` in `mode` and parses its stdout; `onLine` sees its stderr lines. */
function childJson<T>(self: string, mode: string, arg: unknown, onLine?: (l: string) => void) {
  return new Promise<T>((resolve, reject) => {
    const child = spawn(process.execPath, [self, mode, JSON.stringify(arg)], {
      stdio: ["ignore", "pipe", "pipe"],
    });
    let out = "";
    child.stdout.on("data", (b: Buffer) => (out += b.toString()));
    child.stderr.on("data", (b: Buffer) => {
      for (const l of b.toString().split("\n")) if (l) (onLine ?? console.error)(l);
    });
    child.once("exit", (code) =>
      code === 0 ? resolve(JSON.parse(out) as T) : reject(new Error(`${mode} exited ${code}`)),
    );
  });
}

async function initAll(base: string): Promise<void> {
  for (const { name } of INSTANCES) {
    const init = await fetch(`${base}/policies/${name}/init`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ fleet }),
    });
    if (init.status !== 200) throw new Error(`init of ${name}: ${init.status}`);
  }
}

export interface RateFigures {
  readonly offeredPerS: number;
  /** Our client: microseconds from each request's due time to its whole reply. */
  readonly client: LoadFigures;
  /** The server's own clock: request head parsed to reply handed to the socket. */
  readonly server: ReplyFigures;
  /** The server process's CPU time over the run's wall time. */
  readonly serverCpuShare: number;
  /** autocannon in its own process, the same rate: whole milliseconds. */
  readonly autocannon: Record<string, number>;
}

export interface ReplyFigures {
  readonly count: number;
  readonly p50Us: number;
  readonly p99Us: number;
  readonly p999Us: number;
}

export interface MemoryFigures {
  readonly decisions: number;
  readonly perS: number;
  /** Heap used after a full GC, MiB, at each tenth of the run. */
  readonly heapUsedMiB: number[];
  readonly rssMiB: number[];
  readonly errors: number;
}

export interface ServeSuite {
  readonly rate: Record<string, RateFigures>;
  readonly memory: Record<string, MemoryFigures>;
  readonly profile: Record<string, SelfTime[]>;
}

/**
 * Open-loop connections: enough that a reply in progress on each never
 * leaves a due request waiting for a socket at 5,000/s (10 kept the client's
 * own line full after any hiccup, since each socket carries one at a time).
 */
const CONNECTIONS = 32;

const TARGETS = [
  { name: "bare", mode: "--serve-bare", path: "/decide", body: arrival },
  ...INSTANCES.map((i) => ({
    name: i.name,
    mode: "--serve-child",
    path: `/policies/${i.name}/decide/arrival`,
    body: arrivalFor(i.name),
  })),
];

export async function serveBenchmark(
  self: string,
  seconds: number,
  rate: number,
  memoryRequests: number,
): Promise<ServeSuite> {
  const out: ServeSuite = { rate: {}, memory: {}, profile: {} };
  for (const t of TARGETS) {
    const server = await startServer(self, t.mode);
    try {
      if (t.mode === "--serve-child") await initAll(server.base);
      const url = server.base + t.path;
      const spec = (requests: number): LoadSpec => ({
        url,
        body: t.body,
        connections: CONNECTIONS,
        rate,
        requests,
        progressEvery: 0,
      });
      await childJson(self, "--serve-load", spec(rate)); // warm-up, 1 s
      await server.ask("replies");
      const c0 = await server.ask<{ cpu: NodeJS.CpuUsage }>("cpu");
      const client = await childJson<LoadFigures>(self, "--serve-load", spec(rate * seconds));
      const c1 = await server.ask<{ cpu: NodeJS.CpuUsage }>("cpu");
      const { replies } = await server.ask<{ replies: ReplyFigures }>("replies");
      const serverCpuShare =
        (c1.cpu.user - c0.cpu.user + c1.cpu.system - c0.cpu.system) / 1e6 / client.seconds;
      const ac = await childJson<Record<string, number>>(self, "--autocannon", {
        url,
        body: t.body,
        rate,
        seconds,
      });
      out.rate[t.name] = {
        offeredPerS: rate,
        client,
        server: replies,
        serverCpuShare,
        autocannon: ac,
      };
      console.error(
        `serve, ${t.name} at ${rate}/s: ${client.perS.toFixed(0)}/s, p50 ${client.p50Us.toFixed(0)} us, p99 ${client.p99Us.toFixed(0)} us, p99.9 ${client.p999Us.toFixed(0)} us, max ${client.maxUs.toFixed(0)} us (from send: p50 ${client.sentP50Us.toFixed(0)} us, p99 ${client.sentP99Us.toFixed(0)} us; in the server: p50 ${replies.p50Us.toFixed(0)} us, p99 ${replies.p99Us.toFixed(0)} us), ${client.errors} errors, ${client.non2xx} non-2xx; CPU server ${serverCpuShare.toFixed(2)}, client ${client.clientCpuShare.toFixed(2)}; autocannon p50 ${ac.p50Ms} ms p99 ${ac.p99Ms} ms (CPU ${ac.clientCpuShare!.toFixed(2)})`,
      );
    } finally {
      await server.stop();
    }
  }
  for (const i of INSTANCES) out.memory[i.name] = await memoryRun(self, i.name, memoryRequests);
  for (const i of INSTANCES) out.profile[i.name] = await profileRun(self, i.name);
  return out;
}

async function memoryRun(self: string, name: string, requests: number): Promise<MemoryFigures> {
  const server = await startServer(self, "--serve-child");
  try {
    await initAll(server.base);
    const heap: number[] = [];
    const rss: number[] = [];
    const sample = async () => {
      const { mem } = await server.ask<{ mem: NodeJS.MemoryUsage }>("mem");
      heap.push(mem.heapUsed / 2 ** 20);
      rss.push(mem.rss / 2 ** 20);
    };
    await sample();
    // Samples are taken while the load runs; they are queued so each sees the count it was asked at.
    let pending = Promise.resolve();
    const r = await childJson<LoadFigures>(
      self,
      "--serve-load",
      {
        url: `${server.base}/policies/${name}/decide/arrival`,
        body: arrivalFor(name),
        connections: 8,
        rate: null,
        requests,
        progressEvery: requests / 10,
      } satisfies LoadSpec,
      (line) => {
        if (line.startsWith("progress ")) pending = pending.then(sample);
      },
    );
    await pending;
    const fig = {
      decisions: requests,
      perS: r.perS,
      heapUsedMiB: heap.map((x) => Number(x.toFixed(2))),
      rssMiB: rss.map((x) => Number(x.toFixed(1))),
      errors: r.errors + r.non2xx,
    };
    console.error(
      `serve, ${name}: ${requests} decisions at ${r.perS.toFixed(0)}/s (closed loop), heap after GC ${fig.heapUsedMiB.join(" ")} MiB, rss ${fig.rssMiB.join(" ")} MiB, ${fig.errors} errors`,
    );
    return fig;
  } finally {
    await server.stop();
  }
}

async function profileRun(self: string, name: string): Promise<SelfTime[]> {
  const dir = mkdtempSync(join(tmpdir(), "provisim-serve-prof-"));
  try {
    const server = await startServer(self, "--serve-child", [
      "--cpu-prof",
      `--cpu-prof-dir=${dir}`,
    ]);
    try {
      await initAll(server.base);
      await childJson(self, "--serve-load", {
        url: `${server.base}/policies/${name}/decide/arrival`,
        body: arrivalFor(name),
        connections: 8,
        rate: null,
        requests: 50_000,
        progressEvery: 0,
      } satisfies LoadSpec);
    } finally {
      await server.stop();
    }
    const file = readdirSync(dir).find((f) => f.endsWith(".cpuprofile"))!;
    const top = topSelfTime(join(dir, file), 12).map((x) => ({
      fn: x.fn,
      share: Number(x.share.toFixed(4)),
    }));
    console.error(`serve, ${name}: CPU profile, top self time:`);
    for (const x of top) console.error(`  ${(x.share * 100).toFixed(1)}%  ${x.fn}`);
    return top;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
