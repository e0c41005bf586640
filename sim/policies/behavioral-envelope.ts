/**
 * Behavioral envelopes (seed 004): each request runs in a container sized
 * from what its program used before on the same input. The profile
 * database (ctx.profiles, which records every completion itself) gives the
 * key's envelope: CPU-seconds, peak memory and execution time ranges with
 * the confidence they hold at (pieces/envelope/envelope-of.ts); with too
 * few observations of the input, the program's envelope over every input;
 * with none, a default container. The policy states the envelope as its
 * prediction (the `predict` action), so the run reports its coverage; the
 * confidence stated is what envelopes like it have held so far
 * (pieces/envelope/calibration.ts).
 *
 * The container is placed best fit on a node pool of VMs whose line
 * backfills (a container that fits starts ahead of a larger one waiting for
 * room, as Kubernetes schedules pending pods). During execution
 * a request nearing its memory limit, or running past its envelope's
 * execution time, is grown in place. A LinUCB bandit chooses the margin
 * over the envelope per request and learns from each completion's reward
 * (VM share-seconds, a missed latency target, running out of memory), so
 * the margin settles where cost and misses balance. The policy's state
 * holds the bandit, the calibration and the requests running.
 */
import { z } from "zod";
import type { LinUcbJson } from "../predict/linucb.js";
import { duration, size } from "../units/fields.js";
import { releaseAboveMinimum, startNodePool } from "./pieces/node-pool.js";
import { containerSize, type SizeLimits } from "./pieces/envelope/container-size.js";
import {
  bucketOf,
  calibrated,
  heldBy,
  learnHeld,
  newCalibration,
  type Calibration,
} from "./pieces/envelope/calibration.js";
import type { Range, ResourceEnvelope } from "./pieces/envelope/envelope-of.js";
import { findEnvelope } from "./pieces/envelope/envelope-source.js";
import {
  NO_REQUESTS,
  recordOf,
  withoutRecord,
  withRecord,
  type ByRequest,
} from "./pieces/by-request.js";
import { growRunning } from "./pieces/envelope/grow-running.js";
import {
  chooseArm,
  contextOf,
  learnArm,
  newBandit,
  rewardOf,
} from "./pieces/envelope/margin-bandit.js";
import { placePacked } from "./pieces/envelope/place-packed.js";
import type {
  Action,
  CompletionFeedback,
  Decision,
  FleetView,
  Policy,
  PolicyContext,
  RequestView,
} from "./types.js";

const POOL = "default";

const config = z.strictObject({
  /** The VM type of the node pool. */
  type: z.string(),
  minInstances: z.int().nonnegative().default(1),
  maxInstances: z.int().positive().default(100),
  /** Containers one VM runs at once, at most. */
  concurrency: z.int().positive().default(32),
  scaleDownAfter: duration().prefault("10m"),
  /** The confidence the envelope is stated at (both ranges together). */
  confidence: z.number().gt(0).lt(1).default(0.9),
  /** Observations of a key before its own envelope is used. */
  minSamples: z.int().min(2).default(5),
  /** The margins the bandit chooses among, over the envelope's upper bounds. */
  margins: z.array(z.number().positive()).min(1).default([0.9, 1, 1.15, 1.3, 1.6, 2]),
  /** LinUCB's exploration: standard deviations added to each margin's estimated reward. */
  exploration: z.number().nonnegative().default(0.5),
  /** The latency a request should meet: a completion later than this is a miss. */
  latencyTarget: duration().prefault("10s"),
  /** The share of the latency target a container is sized to execute in. */
  serviceShare: z.number().gt(0).lte(1).default(0.5),
  /** The default container (no profile), and the bounds of every container. */
  defaultCpu: z.number().positive().default(1),
  defaultMemory: size().prefault("1GiB"),
  minCpu: z.number().positive().default(0.1),
  maxCpu: z.number().positive().default(4),
  minMemory: size().prefault("64MiB"),
  /** The reward: cost weight per VM share-second over the latency target, and the penalties. */
  costWeight: z.number().nonnegative().default(10),
  missPenalty: z.number().nonnegative().default(1),
  outOfMemoryPenalty: z.number().nonnegative().default(2),
  /** Usage samples during execution, and the share of the memory limit that grows it. */
  usageEvery: duration().prefault("1s"),
  growAt: z.number().gt(0).lte(1).default(0.85),
  growFactor: z.number().gt(1).default(1.5),
});

export type BehavioralEnvelopeConfig = z.output<typeof config>;

/** A request placed and not yet ended: what its reward needs. */
interface Running {
  readonly arm: number;
  readonly x: number[];
  /** Its container's dominant share of a VM. */
  readonly share: number;
  /** Past this, its CPU grows once (null: no envelope, or grown already). */
  readonly slowAfterS: number | null;
  /** The envelope it was given and its calibration bucket, to learn whether it held. */
  readonly envelope?: {
    readonly bucket: number;
    readonly cpuSeconds: Range;
    readonly peakMemMiB: Range;
  };
}

interface State {
  readonly bandit: LinUcbJson;
  readonly running: ByRequest<Running>;
  /** Executions each margin was chosen for: how the bandit has spent them, for reading a state. */
  readonly pulls: readonly number[];
  /** How often envelopes held, by bucket: what their stated confidence is worth. */
  readonly calibration: Calibration;
}

/** Requests that never end (a queue timeout) would stay; this many are kept at most. */
const MAX_RUNNING = 4096;

function limitsOf(c: BehavioralEnvelopeConfig, fleet: FleetView): SizeLimits {
  const vm = fleet.type(c.type)!;
  return {
    minCpu: Math.min(c.minCpu, vm.vcpu),
    maxCpu: Math.min(c.maxCpu, vm.vcpu),
    minMemMiB: Math.min(c.minMemory, vm.memMiB),
    maxMemMiB: vm.memMiB,
    serviceTargetS: c.latencyTarget * c.serviceShare,
    defaultCpu: c.defaultCpu,
    defaultMemMiB: c.defaultMemory,
  };
}

function predictAction(r: RequestView, env: ResourceEnvelope): Action {
  return {
    kind: "predict",
    requestId: r.id,
    serviceS: env.median.executionS,
    cpuSeconds: env.median.cpuSeconds,
    peakMemMiB: env.median.peakMemMiB,
    envelope: {
      cpuSeconds: env.cpuSeconds,
      peakMemMiB: env.peakMemMiB,
      confidence: env.confidence,
    },
  };
}

function withoutOldest(running: ByRequest<Running>): ByRequest<Running> {
  if (running.length <= MAX_RUNNING) return running;
  return running
    .slice()
    .sort((a, b) => a[0] - b[0])
    .slice(-MAX_RUNNING);
}

function arrival(
  state: State,
  c: BehavioralEnvelopeConfig,
  r: RequestView,
  fleet: FleetView,
  ctx: PolicyContext,
): Decision<State> {
  const found = findEnvelope(ctx.profiles, r, c.minSamples, c.confidence);
  const bucket = found.envelope ? bucketOf(found.level, found.envelope.confidence) : -1;
  const envelope = found.envelope && calibrated(state.calibration, bucket, found.envelope);
  const x = contextOf(found.level, envelope);
  const arm = chooseArm(state.bandit, x);
  const margin = c.margins[arm]!;
  const allocation = containerSize(envelope, margin, limitsOf(c, fleet), r.outOfMemoryAtMiB);
  const vm = fleet.type(c.type)!;
  const share = Math.max(allocation.vcpu / vm.vcpu, allocation.memMiB / vm.memMiB);
  const slowAfterS = envelope ? envelope.executionS[1] * Math.max(1, margin) : null;
  const actions: Action[] = envelope ? [predictAction(r, envelope)] : [];
  actions.push(...placePacked(fleet, POOL, c.type, allocation, c.maxInstances, c.concurrency));
  const run: Running = envelope
    ? {
        arm,
        x,
        share,
        slowAfterS,
        envelope: { bucket, cpuSeconds: envelope.cpuSeconds, peakMemMiB: envelope.peakMemMiB },
      }
    : { arm, x, share, slowAfterS };
  const running = withoutOldest(withRecord(state.running, r.id, run));
  return { state: { ...state, running }, actions };
}

function completion(
  state: State,
  c: BehavioralEnvelopeConfig,
  fb: CompletionFeedback,
): Decision<State> {
  const run = recordOf(state.running, fb.request.id);
  if (!run) return { state, actions: [] };
  const running = withoutRecord(state.running, fb.request.id);
  const outOfMemory = fb.outcome === "failed" && fb.peakMemMiB >= fb.memLimitMiB;
  const reward = rewardOf(
    { cost: c.costWeight, miss: c.missPenalty, outOfMemory: c.outOfMemoryPenalty },
    {
      shareSeconds: run.share * fb.serviceS,
      targetS: c.latencyTarget,
      missed: fb.outcome !== "completed" || fb.latencyS > c.latencyTarget,
      outOfMemory,
    },
  );
  const pulls = state.pulls.map((n, i) => (i === run.arm ? n + 1 : n));
  // Scored as the run's prediction metrics score it: completed requests only.
  const env = run.envelope;
  const calibration =
    env && fb.outcome === "completed"
      ? learnHeld(state.calibration, env.bucket, heldBy(env, fb.cpuSeconds, fb.peakMemMiB))
      : state.calibration;
  return {
    state: {
      bandit: learnArm(state.bandit, run.arm, run.x, reward),
      running,
      pulls,
      calibration,
    },
    actions: [],
  };
}

export const behavioralEnvelopePolicy: Policy<BehavioralEnvelopeConfig, State> = {
  name: "behavioral-envelope",
  description:
    "Seed 004: containers sized from each program's behavioral profile on its input, grown during execution, margin learned by a bandit",
  configSchema: config,
  typesUsed: (c) => [c.type],
  init: (c) => ({
    state: {
      bandit: newBandit(c.margins.length, c.exploration),
      running: NO_REQUESTS,
      pulls: c.margins.map(() => 0),
      calibration: newCalibration(),
    },
    actions: startNodePool({
      pool: POOL,
      type: c.type,
      routing: "least-loaded",
      concurrency: c.concurrency,
      minInstances: c.minInstances,
      // A container too large for any VM's room now must not hold back the small ones behind it.
      line: "backfill",
    }),
  }),
  onArrival: arrival,
  onIdle: (state, c, inst, fleet) => ({
    state,
    actions: releaseAboveMinimum(fleet, POOL, inst, c.minInstances, c.scaleDownAfter),
  }),
  usageS: (c) => c.usageEvery,
  onUsage: (state, c, sample, fleet) => {
    const id = sample.request.id;
    const run = recordOf(state.running, id);
    const grow = growRunning(sample, fleet, POOL, {
      memoryAt: c.growAt,
      memoryFactor: c.growFactor,
      slowAfterS: run?.slowAfterS ?? null,
      maxCpu: Math.min(c.maxCpu, fleet.type(c.type)?.vcpu ?? c.maxCpu),
    });
    if (!grow) return { state, actions: [] };
    // CPU grows once: past its envelope's time, a request is slow, not slower each second.
    const next =
      run && run.slowAfterS !== null && sample.elapsedS > run.slowAfterS
        ? { ...state, running: withRecord(state.running, id, { ...run, slowAfterS: null }) }
        : state;
    return { state: next, actions: [grow] };
  },
  onCompletion: (state, c, fb) => completion(state, c, fb),
};
