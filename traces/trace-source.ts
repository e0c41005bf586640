/**
 * Replays a trace as the requests of a run. Function ids become small
 * integers in order of first appearance. A request's demand comes from its
 * measurements: CPU time (or, without one, the measured duration) as
 * CPU-seconds, measured memory as peak memory, measured IO; its program's
 * memory profile says how that memory grows during the run. The input size
 * and parameters hash, and the profile a client asked for, go to the
 * request as the trace gives them.
 */
import type { RequestSource, WorkRequest } from "../sim/model/request.js";
import type { CodeFeatures } from "../sim/policies/types.js";
import type { CodeProgram } from "./code-corpus.js";
import type { RowStream } from "./row-stream.js";

const MIB = 1024 * 1024;

export interface ReplayOptions {
  /** Share of each request's work that runs in parallel (traces do not say). */
  readonly parallelFraction: number;
  /** Memory for rows that have no measurement. */
  readonly defaultMemMiB: number;
  /** CPU-seconds for rows with neither CPU time nor duration. */
  readonly defaultCpuSeconds: number;
}

export interface TraceSource extends RequestSource {
  readonly reader: RowStream;
  readonly functions: ReadonlyMap<string, number>;
}

/**
 * With `programs`, a row's code_id names its program by path; a row without
 * one runs program (function index mod count). Requests carry its features.
 */
export function traceSource(
  reader: RowStream,
  opts: ReplayOptions,
  programs: readonly CodeProgram[] = [],
): TraceSource {
  const functions = new Map<string, number>();
  const byPath = new Map(programs.map((p) => [p.path, p]));
  // For notices: a function's code is what its rows' code_id last named.
  const namedCode: (CodeFeatures | undefined)[] = [];
  const programOf = (fn: number, codeId: string): CodeProgram | null => {
    if (programs.length === 0) return null;
    const named = byPath.get(codeId);
    if (named) namedCode[fn] = named.features;
    return named ?? programs[fn % programs.length]!;
  };
  const noticeOf = (fn: number) => ({
    noticeFunctionId: fn,
    noticeFeatures:
      programs.length === 0 ? null : (namedCode[fn] ?? programs[fn % programs.length]!.features),
  });
  const numberOf = (functionId: string): number => {
    let fn = functions.get(functionId);
    if (fn === undefined) functions.set(functionId, (fn = functions.size));
    return fn;
  };
  let id = 0;
  return {
    reader,
    functions,
    get announces() {
      return reader.hasNotices;
    },
    next(): WorkRequest | null | undefined {
      const row = reader.take();
      if (!row) return reader.exhausted ? null : undefined;
      const fn = numberOf(row.functionId);
      const cpu = Number.isNaN(row.cpuS) ? row.durationS : row.cpuS;
      const program = programOf(fn, row.codeId);
      const memory = program?.demand?.memory;
      return {
        id: id++,
        arrivalS: row.arrivalS,
        functionId: fn,
        features: program?.features ?? null,
        ...(Number.isNaN(row.inputBytes) ? {} : { inputBytes: row.inputBytes }),
        ...(row.paramsHash === "" ? {} : { inputHash: row.paramsHash }),
        ...(program
          ? {
              codeId: program.path,
              ...(program.version === undefined ? {} : { codeVersion: program.version }),
            }
          : row.codeId === ""
            ? {}
            : { codeId: row.codeId }),
        ...(Number.isNaN(row.noticeLeadS) ? {} : { noticeLeadS: row.noticeLeadS }),
        ...(row.noticeFunctionId === "" ? {} : noticeOf(numberOf(row.noticeFunctionId))),
        ...(row.requestedProfile === "" ? {} : { requestedProfile: row.requestedProfile }),
        demand: {
          cpuSeconds: Number.isNaN(cpu) ? opts.defaultCpuSeconds : cpu,
          parallelFraction: opts.parallelFraction,
          memMiB: Number.isNaN(row.memoryMiB) ? opts.defaultMemMiB : row.memoryMiB,
          gpuSpeedup: 1,
          ...(memory ? { memory } : {}),
          ...(row.ioReadMiB > 0 ? { ioReadBytes: row.ioReadMiB * MIB } : {}),
          ...(row.ioWriteMiB > 0 ? { ioWriteBytes: row.ioWriteMiB * MIB } : {}),
        },
      };
    },
  };
}
