/**
 * `GET /policies/NAME/usage/stream`: server-sent events read by a real HTTP
 * client as the decisions happen, and a consumer that stops reading cut off
 * once it falls behind by the buffer's bound, so it cannot grow memory.
 */
import { get, type IncomingMessage } from "node:http";
import { PassThrough, Writable } from "node:stream";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { DEFAULT_CATALOG } from "../../sim/model/catalog/default-catalog.js";
import { typeViewOf } from "../../sim/model/type-view.js";
import type { FleetData } from "../../sim/policies/fleet-data.js";
import { findPolicy } from "../../sim/policies/registry.js";
import { UsageStreams } from "../../sim/serve/usage-streams.js";
import { serve, type Served } from "../support/serve-client.js";

const TYPES = [...DEFAULT_CATALOG.values()].map(typeViewOf);
const empty = (nowS: number): FleetData => ({ nowS, pools: [], types: TYPES });
const request = { id: 7, functionId: 4, arrivalS: 1, features: null };
const sample = {
  request,
  instanceId: 1,
  instanceType: "lambda-1769",
  elapsedS: 0.5,
  cpuSeconds: 0.4,
  memMiB: 300,
  peakMemMiB: 320,
  memLimitMiB: 1769,
  ioReadBytes: 0,
  ioWriteBytes: 0,
};
const completion = {
  request,
  outcome: "completed",
  latencyS: 1.2,
  serviceS: 1,
  instanceId: 1,
  instanceType: "lambda-1769",
  cpuSeconds: 0.9,
  peakMemMiB: 330,
  memLimitMiB: 1769,
  ioReadBytes: 0,
  ioWriteBytes: 0,
  costUsd: 0.00002,
};

interface Event {
  readonly event: string;
  readonly data: any; // eslint-disable-line @typescript-eslint/no-explicit-any
}

/** Opens the stream; resolves once its headers are in, with a reader of its next events. */
function open(
  url: string,
): Promise<{ res: IncomingMessage; next: (n: number) => Promise<Event[]> }> {
  return new Promise((resolve, reject) => {
    const req = get(url, (res) => {
      res.setEncoding("utf8");
      let buf = "";
      const events: Event[] = [];
      let want: { n: number; done: (e: Event[]) => void } | null = null;
      const check = () => {
        if (want && events.length >= want.n) {
          const w = want;
          want = null;
          w.done(events.splice(0, w.n));
        }
      };
      res.on("data", (chunk: string) => {
        buf += chunk;
        let end;
        while ((end = buf.indexOf("\n\n")) >= 0) {
          const block = buf.slice(0, end);
          buf = buf.slice(end + 2);
          const lines = block.split("\n").filter((l) => !l.startsWith(":"));
          if (lines.length === 0) continue;
          const field = (k: string) =>
            lines.find((l) => l.startsWith(`${k}: `))?.slice(k.length + 2) ?? "";
          events.push({ event: field("event"), data: JSON.parse(field("data")) });
        }
        check();
      });
      resolve({
        res,
        next: (n) =>
          new Promise((done) => {
            want = { n, done };
            check();
          }),
      });
    });
    req.on("error", reject);
  });
}

const hybrid = findPolicy("hybrid-histogram")!;
let s: Served;
beforeAll(async () => {
  s = await serve([
    { name: "warm", policy: hybrid, config: hybrid.configSchema.parse({ type: "lambda-1769" }) },
  ]);
  await s.call("/policies/warm/init", { fleet: empty(0) });
});
afterAll(() => s.close());

describe("the usage stream over HTTP", () => {
  test("pushes each usage sample, completion and decision summary as it is received", async () => {
    const { res, next } = await open(`${s.base}/policies/warm/usage/stream`);
    try {
      expect(res.statusCode).toBe(200);
      expect(res.headers["content-type"]).toMatch(/^text\/event-stream/);
      const arrival = await s.call("/policies/warm/decide/arrival", {
        observation: request,
        fleet: empty(1),
      });
      const [decided] = await next(1);
      const provisions = arrival.body.actions.filter(
        (a: { kind: string }) => a.kind === "provision",
      );
      expect(decided!.event).toBe("decision");
      expect(decided!.data).toMatchObject({
        nowS: 1,
        hook: "arrival",
        desired: { "fn-4": provisions.length },
      });
      expect(decided!.data.micros).toBeGreaterThanOrEqual(0);
      await s.call("/policies/warm/decide/usage", { observation: sample, fleet: empty(1.5) });
      const [usage, afterUsage] = await next(2);
      expect(usage).toEqual({ event: "usage", data: { nowS: 1.5, sample } });
      expect(afterUsage).toMatchObject({ event: "decision", data: { hook: "usage" } });
      await s.call("/policies/warm/feedback/completion", {
        observation: completion,
        fleet: empty(2),
      });
      const [done] = await next(2);
      expect(done).toEqual({ event: "completion", data: { nowS: 2, completion } });
    } finally {
      res.destroy();
    }
  });

  test("an unknown instance is a 404", async () => {
    const r = await s.call("/policies/nope/usage/stream");
    expect(r.status).toBe(404);
    expect(r.body.message).toContain('"nope"');
  });

  test("a closed stream is forgotten", async () => {
    const { res, next } = await open(`${s.base}/policies/warm/usage/stream`);
    await s.call("/policies/warm/decide/tick", { fleet: empty(3) });
    await next(1);
    res.destroy();
    // The server sees the close; further decisions still answer.
    await new Promise((r) => setTimeout(r, 100));
    expect((await s.call("/policies/warm/decide/tick", { fleet: empty(4) })).status).toBe(200);
  });
});

describe("a consumer that falls behind", () => {
  test("is cut off at the bound, and the others go on", () => {
    const streams = new UsageStreams(4096);
    // Nobody reads these: what is written stays buffered in them.
    const stalled = new PassThrough({ highWaterMark: 16 });
    // This one takes each write at once, as a socket the kernel keeps up with.
    const reading = new Writable({ write: (_c, _e, done) => done() });
    let cut = 0;
    streams.subscribe("x", stalled, () => {
      cut++;
      stalled.destroy();
    });
    streams.subscribe("x", reading);
    let peak = 0;
    for (let k = 0; k < 1000; k++) {
      streams.publish("x", "decision", { k, pad: "y".repeat(100) });
      peak = Math.max(peak, stalled.writableLength);
    }
    expect(cut).toBe(1);
    expect(streams.cut).toBe(1);
    expect(peak).toBeLessThanOrEqual(4096);
    expect(streams.count("x")).toBe(1);
  });

  test("over HTTP: a client that never reads is closed by the server", async () => {
    const small = await serve(
      [
        {
          name: "warm",
          policy: hybrid,
          config: hybrid.configSchema.parse({ type: "lambda-1769" }),
        },
      ],
      { streamBufferBytes: 64 * 1024 },
    );
    try {
      await small.call("/policies/warm/init", { fleet: empty(0) });
      const { res } = await open(`${small.base}/policies/warm/usage/stream`);
      res.pause();
      // Big events (a usage sample whose request carries a long feature string): the kernel's
      // socket buffers fill first, then the server's own, and then the stream is cut.
      const big = {
        ...sample,
        request: { ...request, features: { complexityScore: 1, language: "x".repeat(60_000) } },
      };
      const calls = 300;
      for (let k = 0; k < calls; k++) {
        const r = await small.call("/policies/warm/decide/usage", {
          observation: big,
          fleet: empty(k),
        });
        expect(r.status).toBe(200);
      }
      // Read what reached this side: the stream ends (the server closed it), short of all events.
      let bytes = 0;
      const ended = new Promise<void>((r) => res.socket.once("close", () => r()));
      res.on("data", (c: string) => (bytes += c.length));
      res.on("error", () => {});
      res.resume();
      await ended;
      expect(bytes).toBeLessThan(calls * 60_000);
    } finally {
      await small.close();
    }
  });
});
