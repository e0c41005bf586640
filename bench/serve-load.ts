/**
 * The serve suite's load generator, run in its own process so its CPU is
 * not the server's: POSTs one body to one URL over `connections` keep-alive
 * connections, either at a fixed offered rate (open loop: request i is due
 * at start + i / rate, and its latency counts from then, so a stalled server
 * is not hidden by the client waiting for it) or as fast as the connections
 * allow (closed loop, for the memory run). Latencies in microseconds from
 * process.hrtime, not autocannon's whole milliseconds.
 *
 * HTTP/1.1 is spoken over plain sockets (one prebuilt request, replies
 * parsed by Content-Length or chunked framing): node:http's client costs
 * about 0.7 of a core at 5,000 requests/s here, which on 2 cores is taken
 * from the server it measures.
 */
import { connect, type Socket } from "node:net";

export interface LoadSpec {
  readonly url: string;
  readonly body: string;
  readonly connections: number;
  /** Offered decisions per second; null: closed loop. */
  readonly rate: number | null;
  readonly requests: number;
  /** Print `progress N` on stderr every this many answers (0: never). */
  readonly progressEvery: number;
}

export interface LoadFigures {
  readonly sent: number;
  readonly ok: number;
  readonly errors: number;
  readonly non2xx: number;
  readonly seconds: number;
  readonly perS: number;
  readonly p50Us: number;
  readonly p99Us: number;
  readonly p999Us: number;
  readonly maxUs: number;
  /** The same from when each request was written to its socket: the server's part, less the client's own lag. */
  readonly sentP50Us: number;
  readonly sentP99Us: number;
  /** This process's CPU time over the run's wall time: the share of one core the client used. */
  readonly clientCpuShare: number;
}

const HEADER_END = Buffer.from("\r\n\r\n");

/**
 * Where the first whole reply in `buf` ends and its status, or null when
 * more bytes are needed. Throws on framing it does not speak.
 */
export function replyEnd(buf: Buffer): { end: number; status: number } | null {
  const h = buf.indexOf(HEADER_END);
  if (h < 0) return null;
  const head = buf.toString("latin1", 0, h);
  const status = Number(head.slice(9, 12));
  const length = /\r\ncontent-length:\s*(\d+)/i.exec(head);
  if (length) {
    const end = h + 4 + Number(length[1]);
    return buf.length >= end ? { end, status } : null;
  }
  if (!/\r\ntransfer-encoding:\s*chunked/i.test(head)) throw new Error(`unframed reply: ${head}`);
  let at = h + 4;
  for (;;) {
    const line = buf.indexOf("\r\n", at);
    if (line < 0) return null;
    const size = parseInt(buf.toString("latin1", at, line), 16);
    const next = line + 2 + size + 2;
    if (buf.length < next) return null;
    if (size === 0) return { end: next, status };
    at = next;
  }
}

interface Connection {
  readonly socket: Socket;
  /** The request in flight, or -1. */
  current: number;
  buf: Buffer;
}

export async function runLoad(spec: LoadSpec): Promise<LoadFigures> {
  const u = new URL(spec.url);
  const body = Buffer.from(spec.body);
  const request = Buffer.concat([
    Buffer.from(
      `POST ${u.pathname} HTTP/1.1\r\nhost: ${u.host}\r\ncontent-type: application/json\r\n` +
        `content-length: ${body.length}\r\n\r\n`,
      "latin1",
    ),
    body,
  ]);
  const latencies = new Float64Array(spec.requests);
  const fromSend = new Float64Array(spec.requests);
  const dueAt = new Float64Array(spec.requests);
  const sentAt = new Float64Array(spec.requests);
  let ok = 0;
  let errors = 0;
  let non2xx = 0;
  let answered = 0;
  let sent = 0;
  /** Requests due (or, closed loop, next) and waiting for a free connection. */
  const waiting: number[] = [];
  let waitingHead = 0;
  const free: Connection[] = [];

  let finish!: () => void;
  let fail!: (e: Error) => void;
  const done = new Promise<void>((resolve, reject) => ((finish = resolve), (fail = reject)));
  const now = () => Number(process.hrtime.bigint()) / 1e3;

  const send = (c: Connection, i: number) => {
    c.current = i;
    sentAt[i] = now();
    c.socket.write(request);
  };
  const dispatch = () => {
    // Oldest free first, so every connection keeps being used.
    while (waitingHead < waiting.length && free.length > 0)
      send(free.shift()!, waiting[waitingHead++]!);
    if (waitingHead > 4096 && waitingHead * 2 > waiting.length) {
      waiting.splice(0, waitingHead);
      waitingHead = 0;
    }
  };
  const settle = (c: Connection, status: number | null) => {
    const i = c.current;
    c.current = -1;
    const t = now();
    latencies[i] = t - dueAt[i]!;
    fromSend[i] = t - sentAt[i]!;
    if (status === null) errors++;
    else if (status >= 200 && status < 300) ok++;
    else non2xx++;
    answered++;
    if (spec.progressEvery > 0 && answered % spec.progressEvery === 0)
      process.stderr.write(`progress ${answered}\n`);
    if (answered === spec.requests) return finish();
    if (spec.rate === null && sent < spec.requests) {
      dueAt[sent] = t;
      waiting.push(sent++);
    }
    if (!c.socket.destroyed) free.push(c);
    dispatch();
  };

  const open = (): Promise<Connection> =>
    new Promise((resolve, reject) => {
      const socket = connect({ host: u.hostname, port: Number(u.port), noDelay: true });
      const c: Connection = { socket, current: -1, buf: Buffer.alloc(0) };
      socket.once("connect", () => resolve(c));
      socket.once("error", reject);
      socket.on("data", (chunk: Buffer) => {
        c.buf = c.buf.length === 0 ? chunk : Buffer.concat([c.buf, chunk]);
        try {
          const r = replyEnd(c.buf);
          if (r === null) return;
          c.buf = c.buf.subarray(r.end);
          settle(c, r.status);
        } catch (e) {
          fail(e as Error);
        }
      });
      // A server may close a keep-alive connection left idle (fastify after 5 s): it is replaced,
      // and a request it had in flight counts as an error.
      socket.on("close", () => {
        if (answered === spec.requests) return;
        const k = free.indexOf(c);
        if (k >= 0) free.splice(k, 1);
        open().then((next) => {
          conns.push(next);
          if (c.current >= 0) settle(c, null);
          free.push(next);
          dispatch();
        }, fail);
      });
    });
  const conns = await Promise.all(Array.from({ length: spec.connections }, open));
  free.push(...conns);

  const cpu0 = process.cpuUsage();
  const t0 = now();
  if (spec.rate === null) {
    for (; sent < Math.min(spec.connections, spec.requests); sent++) {
      dueAt[sent] = t0;
      waiting.push(sent);
    }
    dispatch();
  } else {
    const gapUs = 1e6 / spec.rate;
    // Send what has come due, then sleep until the next one is due (timers wake about every millisecond).
    const pump = () => {
      const t = now();
      while (sent < spec.requests && t0 + sent * gapUs <= t) {
        dueAt[sent] = t0 + sent * gapUs;
        waiting.push(sent++);
      }
      dispatch();
      if (sent < spec.requests) setTimeout(pump, Math.max(0, (t0 + sent * gapUs - now()) / 1e3));
    };
    pump();
  }
  await done;
  const seconds = (now() - t0) / 1e6;
  const cpu = process.cpuUsage(cpu0);
  for (const c of conns) c.socket.destroy();
  const sorted = latencies.sort();
  const sent2 = fromSend.sort();
  const q = (a: Float64Array, p: number) => a[Math.min(a.length - 1, Math.floor(p * a.length))]!;
  return {
    sent,
    ok,
    errors,
    non2xx,
    seconds,
    perS: answered / seconds,
    p50Us: q(sorted, 0.5),
    p99Us: q(sorted, 0.99),
    p999Us: q(sorted, 0.999),
    maxUs: sorted[sorted.length - 1]!,
    sentP50Us: q(sent2, 0.5),
    sentP99Us: q(sent2, 0.99),
    clientCpuShare: (cpu.user + cpu.system) / 1e6 / seconds,
  };
}
