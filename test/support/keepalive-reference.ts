/**
 * The keep-alive process of a scale-per-request FaaS platform, written apart
 * from the model as a reference: one request per sandbox at a time; an
 * arrival takes the most recently idle sandbox, or starts a new one that
 * serves it (a cold start: boot, then its service and cold extra); a sandbox
 * idle for the keep-alive time ends. Times are summed in the model's order,
 * so that fed the model's own requests it must agree to the last request.
 */
import seedrandom from "seedrandom";

export interface ReferenceRequest {
  readonly arrivalS: number;
  readonly serviceS: number;
  /** Added to the execution of a cold start. */
  readonly coldExtraS: number;
}

export interface ReferenceOptions {
  readonly keepAliveS: number;
  readonly bootS: number;
  readonly horizonS: number;
}

export interface ReferenceResult {
  /** Requests that ended by the horizon, and the cold starts among them. */
  readonly completed: number;
  readonly coldStarts: number;
  /** Time-average of sandboxes alive (booting, busy or idle). */
  readonly meanInstances: number;
}

interface Run {
  readonly endS: number;
  readonly bornS: number;
  readonly cold: boolean;
}

interface Idle {
  readonly sinceS: number;
  readonly bornS: number;
}

export function simulateKeepAlive(
  requests: Iterable<ReferenceRequest>,
  o: ReferenceOptions,
): ReferenceResult {
  const runs = new RunHeap();
  // Idle sandboxes in the order they became idle: the newest is taken from
  // the top, the oldest expire from the bottom (index `oldest`).
  const idle: Idle[] = [];
  let oldest = 0;
  let completed = 0;
  let coldStarts = 0;
  let instanceSeconds = 0;
  const end = (run: Run) => {
    completed++;
    if (run.cold) coldStarts++;
    idle.push({ sinceS: run.endS, bornS: run.bornS });
  };
  for (const r of requests) {
    const t = r.arrivalS;
    if (t >= o.horizonS) break;
    while (runs.size > 0 && runs.peek().endS <= t) end(runs.pop());
    while (oldest < idle.length && idle[oldest]!.sinceS + o.keepAliveS <= t) {
      const gone = idle[oldest++]!;
      instanceSeconds += gone.sinceS + o.keepAliveS - gone.bornS;
    }
    if (idle.length > oldest) {
      const warm = idle.pop()!;
      runs.push({ endS: t + r.serviceS, bornS: warm.bornS, cold: false });
    } else {
      runs.push({ endS: t + o.bootS + (r.serviceS + r.coldExtraS), bornS: t, cold: true });
    }
  }
  // No more arrivals: runs end by the horizon or not, and every sandbox
  // lives until its keep-alive runs out or the horizon comes.
  const lifeEnd = (sinceS: number) => Math.min(sinceS + o.keepAliveS, o.horizonS);
  while (runs.size > 0) {
    const run = runs.pop();
    if (run.endS <= o.horizonS) end(run);
    else instanceSeconds += o.horizonS - run.bornS;
  }
  for (let i = oldest; i < idle.length; i++)
    instanceSeconds += lifeEnd(idle[i]!.sinceS) - idle[i]!.bornS;
  return { completed, coldStarts, meanInstances: instanceSeconds / o.horizonS };
}

/**
 * Poisson arrivals at `ratePerS` with exponential service of mean
 * `meanServiceS`, from a generator of its own (not the model's streams).
 */
export function* poissonRequests(
  seed: string,
  ratePerS: number,
  meanServiceS: number,
  coldExtraS: number,
): Generator<ReferenceRequest> {
  const u = seedrandom.alea(seed);
  let t = 0;
  for (;;) {
    t += -Math.log(1 - u()) / ratePerS;
    yield { arrivalS: t, serviceS: -Math.log(1 - u()) * meanServiceS, coldExtraS };
  }
}

/** A binary min-heap of runs by end time. */
class RunHeap {
  private readonly items: Run[] = [];

  get size(): number {
    return this.items.length;
  }

  peek(): Run {
    return this.items[0]!;
  }

  push(run: Run): void {
    const a = this.items;
    a.push(run);
    let i = a.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (a[parent]!.endS <= run.endS) break;
      a[i] = a[parent]!;
      i = parent;
    }
    a[i] = run;
  }

  pop(): Run {
    const a = this.items;
    const top = a[0]!;
    const last = a.pop()!;
    if (a.length > 0) {
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        if (l >= a.length) break;
        const c = l + 1 < a.length && a[l + 1]!.endS < a[l]!.endS ? l + 1 : l;
        if (a[c]!.endS >= last.endS) break;
        a[i] = a[c]!;
        i = c;
      }
      a[i] = last;
    }
    return top;
  }
}
