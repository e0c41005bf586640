/**
 * The serve suite's load generator, run in its own process so its CPU is
 * not the server's: POSTs one body to one URL over `connections` keep-alive
 * connections, either at a fixed offered rate (open loop: request i is due
 * at start + i / rate, and its latency counts from then, so a stalled server
 * is not hidden by the client waiting for it) or as fast as the connections
 * allow (closed loop, for the memory run). Latencies in microseconds from
 * process.hrtime, not autocannon's whole milliseconds.
 */
import { Agent, request } from "node:http";

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
  /** The same from when each request was handed to the socket: the server's part, less the client's own lag. */
  readonly sentP50Us: number;
  readonly sentP99Us: number;
  /** This process's CPU time over the run's wall time: the share of one core the client used. */
  readonly clientCpuShare: number;
}

export async function runLoad(spec: LoadSpec): Promise<LoadFigures> {
  const agent = new Agent({ keepAlive: true, maxSockets: spec.connections });
  const u = new URL(spec.url);
  const body = Buffer.from(spec.body);
  const latencies = new Float64Array(spec.requests);
  const fromSend = new Float64Array(spec.requests);
  let ok = 0;
  let errors = 0;
  let non2xx = 0;
  let answered = 0;
  let sent = 0;
  const cpu0 = process.cpuUsage();
  const t0 = process.hrtime.bigint();
  const dueNs = (i: number) => t0 + BigInt(Math.round((i * 1e9) / spec.rate!));

  let finish!: () => void;
  const done = new Promise<void>((r) => (finish = r));
  const one = (i: number, from: bigint) => {
    const at = process.hrtime.bigint();
    const took = () => {
      const now = process.hrtime.bigint();
      latencies[i] = Number(now - from) / 1e3;
      fromSend[i] = Number(now - at) / 1e3;
    };
    const req = request(
      {
        host: u.hostname,
        port: u.port,
        path: u.pathname,
        method: "POST",
        agent,
        headers: { "content-type": "application/json", "content-length": body.length },
      },
      (res) => {
        res.resume();
        res.on("end", () => {
          took();
          if (res.statusCode! >= 200 && res.statusCode! < 300) ok++;
          else non2xx++;
          settle();
        });
      },
    );
    req.on("error", () => {
      took();
      errors++;
      settle();
    });
    req.end(body);
  };
  const settle = () => {
    answered++;
    if (spec.progressEvery > 0 && answered % spec.progressEvery === 0)
      process.stderr.write(`progress ${answered}\n`);
    if (answered === spec.requests) finish();
    else if (spec.rate === null && sent < spec.requests) {
      const i = sent++;
      one(i, process.hrtime.bigint());
    }
  };
  if (spec.rate === null) {
    for (; sent < Math.min(spec.connections, spec.requests); sent++)
      one(sent, process.hrtime.bigint());
  } else {
    // Every millisecond, send what has come due; each latency counts from its due time.
    const pump = () => {
      const now = process.hrtime.bigint();
      while (sent < spec.requests && dueNs(sent) <= now) {
        const i = sent++;
        one(i, dueNs(i));
      }
      if (sent < spec.requests) setTimeout(pump, 1);
    };
    pump();
  }
  await done;
  const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
  const cpu = process.cpuUsage(cpu0);
  agent.destroy();
  const sorted = latencies.sort();
  const sent2 = fromSend.sort();
  const q = (a: Float64Array, p: number) => a[Math.min(a.length - 1, Math.floor(p * a.length))]!;
  const at = (p: number) => q(sorted, p);
  return {
    sent,
    ok,
    errors,
    non2xx,
    seconds,
    perS: answered / seconds,
    p50Us: at(0.5),
    p99Us: at(0.99),
    p999Us: at(0.999),
    maxUs: sorted[sorted.length - 1]!,
    sentP50Us: q(sent2, 0.5),
    sentP99Us: q(sent2, 0.99),
    clientCpuShare: (cpu.user + cpu.system) / 1e6 / seconds,
  };
}
