/**
 * A synthetic workload: arrivals (Poisson, diurnal or bursty; see
 * arrivals.ts) spread over `functions` functions by Zipf popularity
 * (s = 0 is uniform), some announced ahead by pre-trigger notifications,
 * which name the wrong function as often as their accuracy says. Each
 * function gets its own typical demand, drawn once; each request varies
 * around it (log-normally, or by any distribution of a factor), and may
 * carry the extra time its execution takes if it is a cold start. With
 * `input`, requests carry an input size and a parameters hash (inputs.ts),
 * and a function running a documented program gets the true demand of
 * that program at that input (input-demand.ts), times the function's own
 * log-normal noise. Requests are made one at a time, so a workload of any length takes
 * constant memory.
 */
import type { Demand, RequestSource, ServiceClass, WorkRequest } from "../../sim/model/request.js";
import { normal } from "../../sim/random/distributions/normal.js";
import { samplerOf, type DistSpec } from "../../sim/random/spec.js";
import type { Sampler } from "../../sim/random/source.js";
import type { RandomStreams } from "../../sim/random/streams.js";
import type { CodeProgram } from "../code-corpus.js";
import type { TraceRow } from "../format.js";
import { demandAtInput } from "../input-demand.js";
import { arrivals, type ArrivalPattern } from "./arrivals.js";
import { requestInputs, type InputDraw, type RequestInput, type SynthInput } from "./inputs.js";

const MIB = 1024 * 1024;

export interface SynthWorkload {
  /** Arrivals per second, all functions together (the base rate of a bursty pattern). */
  readonly ratePerS: number;
  readonly pattern: ArrivalPattern;
  /**
   * Pre-trigger notifications (seed 002): the share of requests announced,
   * how far ahead, and the share of notices that name the right function.
   */
  readonly notifications: {
    readonly share: number;
    readonly lead: DistSpec;
    readonly accuracy: number;
  } | null;
  readonly functions: number;
  /** Zipf exponent of function popularity; 0 for uniform. */
  readonly zipfExponent: number;
  /** Typical CPU-seconds of a function (drawn once per function). */
  readonly cpuSeconds: DistSpec;
  /** Coefficient of variation of a request's CPU-seconds around its function's. */
  readonly cpuVariation: number;
  /**
   * A request's CPU-seconds are its function's times a draw of this (mean 1
   * keeps the function's mean; exponential gives exponential service).
   * Replaces the log-normal noise of cpuVariation.
   */
  readonly cpuFactor?: DistSpec;
  /** Seconds a request's execution takes longer when it is a cold start; none when absent. */
  readonly coldExtra?: DistSpec;
  readonly parallelFraction: number;
  /** Peak memory of a function (drawn once per function). */
  readonly memMiB: DistSpec;
  /** Share of functions that run faster on a GPU, and by how much. */
  readonly gpuShare: number;
  readonly gpuSpeedup: number;
  /**
   * Service classes, each function drawn into one by share: its requests
   * carry the class's priority and latency objective. None when absent.
   */
  readonly classes?: readonly (ServiceClass & { readonly share: number })[];
  /** Shares of requests that ask for a profile by name (of the listed functions, or all). */
  readonly requestedProfiles?: readonly RequestedProfileShare[];
  /** Input sizes and parameter hashes of requests; none when absent. */
  readonly input?: SynthInput;
}

export interface RequestedProfileShare {
  readonly profile: string;
  readonly share: number;
  readonly functions?: readonly number[];
}

/** The profile a request of `functionId` asks for, drawn from its own stream; undefined for none. */
function profileAsker(
  shares: readonly RequestedProfileShare[] | undefined,
  streams: RandomStreams,
): ((functionId: number) => string | undefined) | null {
  if (!shares) return null;
  const draw = streams.stream("workload/requested-profiles");
  return (functionId) => {
    for (const s of shares) {
      if (s.functions && !s.functions.includes(functionId)) continue;
      if (draw() < s.share) return s.profile;
    }
    return undefined;
  };
}

interface FunctionProfile {
  readonly cpuSeconds: number;
  readonly parallelFraction: number;
  readonly memMiB: number;
  readonly gpuSpeedup: number;
  readonly program: CodeProgram | null;
  /** The function's own factors on its program's CPU and memory (1 without input noise). */
  readonly cpuNoise: number;
  readonly memNoise: number;
}

/**
 * With `programs`, each function runs one of them (function f runs program
 * f mod count): requests carry its features, and where the program has a
 * documented demand, that demand replaces the distributions of `spec`.
 */
export function synthWorkload(
  spec: SynthWorkload,
  streams: RandomStreams,
  programs: readonly CodeProgram[] = [],
  startS = 0,
): RequestSource {
  const nextArrival = arrivals(
    spec.ratePerS,
    spec.pattern,
    streams.stream("workload/arrivals"),
    startS,
  );
  const noticeStream = streams.stream("workload/notifications");
  const lead = spec.notifications ? samplerOf(spec.notifications.lead, noticeStream) : undefined;
  const pick = streams.stream("workload/function-choice");
  const fnStream = streams.stream("workload/functions");
  const cpu = samplerOf(spec.cpuSeconds, fnStream);
  const mem = samplerOf(spec.memMiB, fnStream);
  const profiles: FunctionProfile[] = [];
  const noise = functionNoise(spec, streams);
  for (let f = 0; f < spec.functions; f++) {
    // Every draw is made whether or not a program overrides it, so adding
    // code never shifts the other functions' numbers.
    const drawn = { cpu: cpu(), mem: mem(), gpu: fnStream() < spec.gpuShare ? spec.gpuSpeedup : 1 };
    const program = programs.length > 0 ? programs[f % programs.length]! : null;
    const d = program?.demand;
    profiles.push({
      cpuSeconds: d ? d.cpuSeconds : drawn.cpu,
      parallelFraction: d ? d.parallelFraction : spec.parallelFraction,
      memMiB: d ? d.memMiB : drawn.mem,
      gpuSpeedup: d ? d.gpuSpeedup : drawn.gpu,
      program,
      cpuNoise: noise(),
      memNoise: noise(),
    });
  }
  const input: InputDraw | null = spec.input
    ? requestInputs(spec.input, spec.functions, programs, streams)
    : null;
  const classOf = serviceClasses(spec, streams);
  const asks = profileAsker(spec.requestedProfiles, streams);
  const cdf = zipfCdf(spec.functions, spec.zipfExponent);
  const factor = cpuFactor(spec, streams);
  // Its own stream, drawn only when given: nothing else shifts.
  const coldExtra =
    spec.coldExtra && samplerOf(spec.coldExtra, streams.stream("workload/cold-extra"));
  const share = spec.notifications?.share ?? 0;
  const accuracy = spec.notifications?.accuracy ?? 1;
  /** The function a wrong notice names: another one, by popularity. */
  const wrongFunction = (right: number): number | undefined => {
    // Always right draws nothing, so seeds give the workloads they gave before.
    if (accuracy >= 1 || spec.functions < 2 || noticeStream() < accuracy) return undefined;
    for (;;) {
      const f = choose(cdf, noticeStream());
      if (f !== right) return f;
    }
  };
  let id = 0;
  // Without notices, inputs or classes most requests are five fields: built
  // as one literal (spreads of empty objects cost a third of this call).
  const bare = lead === undefined && !input && !classOf && !asks;
  return {
    announces: share > 0 && lead !== undefined,
    next(): WorkRequest {
      const t = nextArrival();
      const functionId = choose(cdf, pick());
      const p = profiles[functionId]!;
      if (bare && !p.program)
        return {
          id: id++,
          arrivalS: t,
          functionId,
          features: null,
          demand: demandOf(p, factor(), coldExtra, undefined),
        };
      const announced = lead !== undefined && noticeStream() < share;
      const named = announced ? wrongFunction(functionId) : undefined;
      const given = input?.(functionId);
      const asked = asks?.(functionId);
      return {
        id: id++,
        arrivalS: t,
        functionId,
        features: p.program?.features ?? null,
        ...(announced ? { noticeLeadS: Math.min(t, lead()) } : {}),
        ...(named === undefined
          ? {}
          : {
              noticeFunctionId: named,
              noticeFeatures: profiles[named]!.program?.features ?? null,
            }),
        demand: demandOf(p, factor(), coldExtra, given),
        ...(given ?? {}),
        ...(p.program
          ? {
              codeId: p.program.path,
              ...(p.program.version === undefined ? {} : { codeVersion: p.program.version }),
            }
          : {}),
        ...(classOf ? { serviceClass: classOf[functionId]! } : {}),
        ...(asked === undefined ? {} : { requestedProfile: asked }),
      };
    },
  };
}

/** Each function's service class, drawn once by share from a stream of its own; null without classes. */
function serviceClasses(spec: SynthWorkload, streams: RandomStreams): ServiceClass[] | null {
  const classes = spec.classes;
  if (!classes || classes.length === 0) return null;
  const stream = streams.stream("workload/classes");
  const total = classes.reduce((a, c) => a + c.share, 0);
  const chosen: ServiceClass[] = classes.map((c) => ({
    name: c.name,
    priority: c.priority,
    ...(c.slaLatencyS === undefined ? {} : { slaLatencyS: c.slaLatencyS }),
  }));
  const out: ServiceClass[] = [];
  for (let f = 0; f < spec.functions; f++) {
    let u = stream() * total;
    let k = 0;
    while (k < classes.length - 1 && u >= classes[k]!.share) u -= classes[k++]!.share;
    out.push(chosen[k]!);
  }
  return out;
}

/** The factor each request's CPU-seconds get: the given distribution, else log-normal noise. */
function cpuFactor(spec: SynthWorkload, streams: RandomStreams): Sampler {
  const stream = streams.stream("workload/demand");
  if (spec.cpuFactor) return samplerOf(spec.cpuFactor, stream);
  // Mean 1 and the given coefficient of variation.
  const sigma = Math.sqrt(Math.log(1 + spec.cpuVariation * spec.cpuVariation));
  const z = normal(stream, (-sigma * sigma) / 2, sigma);
  return () => Math.exp(z());
}

/** Each function's log-normal factor of mean 1 (the constant 1 without input noise, drawing nothing). */
function functionNoise(spec: SynthWorkload, streams: RandomStreams): Sampler {
  const cv = spec.input?.noise ?? 0;
  if (cv === 0) return () => 1;
  const sigma = Math.sqrt(Math.log(1 + cv * cv));
  const z = normal(streams.stream("workload/input-noise"), (-sigma * sigma) / 2, sigma);
  return () => Math.exp(z());
}

function demandOf(
  p: FunctionProfile,
  factor: number,
  coldExtra: Sampler | undefined,
  input: RequestInput | undefined,
): Demand {
  const program = p.program?.demand;
  const { parallelFraction, gpuSpeedup } = p;
  let d: Demand;
  if (program) {
    // The program's demand at this input, this function's noise, this request's factor.
    const at = demandAtInput(program, input?.inputBytes);
    d = {
      cpuSeconds: at.cpuSeconds * p.cpuNoise * factor,
      parallelFraction,
      memMiB: at.memMiB * p.memNoise,
      gpuSpeedup,
      ...(program.memory ? { memory: program.memory } : {}),
      ...(at.ioReadBytes > 0 ? { ioReadBytes: at.ioReadBytes } : {}),
      ...(at.ioWriteBytes > 0 ? { ioWriteBytes: at.ioWriteBytes } : {}),
    };
  } else {
    d = { cpuSeconds: p.cpuSeconds * factor, parallelFraction, memMiB: p.memMiB, gpuSpeedup };
  }
  return coldExtra ? { ...d, coldExtraS: coldExtra() } : d;
}

function zipfCdf(n: number, s: number): Float64Array {
  const cdf = new Float64Array(n);
  let total = 0;
  for (let k = 0; k < n; k++) {
    total += 1 / Math.pow(k + 1, s);
    cdf[k] = total;
  }
  for (let k = 0; k < n; k++) cdf[k]! /= total;
  return cdf;
}

/** Index of the first CDF entry above u. */
function choose(cdf: Float64Array, u: number): number {
  let lo = 0;
  let hi = cdf.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (cdf[mid]! > u) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

/**
 * A synthetic request as a trace row: what `sim trace synth` writes, and
 * what replays into the same request (with parallelFraction given again).
 */
export function traceRowOf(r: WorkRequest): TraceRow {
  return {
    arrivalS: r.arrivalS,
    functionId: `fn-${r.functionId}`,
    codeId: typeof r.features?.codeId === "string" ? r.features.codeId : "",
    paramsHash: r.inputHash ?? "",
    inputBytes: r.inputBytes ?? NaN,
    durationS: NaN,
    cpuS: r.demand.cpuSeconds,
    memoryMiB: r.demand.memMiB,
    ioReadMiB: r.demand.ioReadBytes === undefined ? NaN : r.demand.ioReadBytes / MIB,
    ioWriteMiB: r.demand.ioWriteBytes === undefined ? NaN : r.demand.ioWriteBytes / MIB,
    noticeLeadS: r.noticeLeadS ?? NaN,
    noticeFunctionId: r.noticeFunctionId === undefined ? "" : `fn-${r.noticeFunctionId}`,
    requestedProfile: r.requestedProfile ?? "",
  };
}
