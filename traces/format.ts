/**
 * The request-level trace format: a CSV file (optionally gzip-compressed,
 * ".gz"), one header row, one request per row, in arrival order.
 *
 * | column | unit | required |
 * |---|---|---|
 * | arrival_s | seconds from the trace start | yes |
 * | function_id | any string | yes |
 * | code_id | any string (the code the function runs) | no |
 * | params_hash | any string (hash of the input parameters) | no |
 * | input_bytes | size of the request's input, a whole number of bytes | no |
 * | duration_s | measured run time, seconds | no |
 * | cpu_s | measured CPU time, seconds | no |
 * | memory_mib | measured peak memory, MiB | no |
 * | io_read_mib, io_write_mib | measured IO, MiB | no |
 * | notice_lead_s | a pre-trigger notification came this long before arrival | no |
 * | notice_function_id | the function that notification named, when not this row's | no |
 * | requested_profile | the resource profile the client asked for (seed 000's API) | no |
 */
import type { CsvBytes } from "../sim/csv/csv-bytes.js";
import type { TraceBatch } from "./trace-batch.js";
import { parseDecimal } from "./decimal.js";

export const TRACE_COLUMNS = [
  "arrival_s",
  "function_id",
  "code_id",
  "params_hash",
  "input_bytes",
  "duration_s",
  "cpu_s",
  "memory_mib",
  "io_read_mib",
  "io_write_mib",
  "notice_lead_s",
  "notice_function_id",
  "requested_profile",
] as const;

export type TraceColumn = (typeof TRACE_COLUMNS)[number];
const REQUIRED: readonly TraceColumn[] = ["arrival_s", "function_id"];
const TEXT: readonly TraceColumn[] = [
  "function_id",
  "code_id",
  "params_hash",
  "notice_function_id",
  "requested_profile",
];
const NUMERIC: readonly TraceColumn[] = TRACE_COLUMNS.filter((c) => !TEXT.includes(c));

export interface TraceRow {
  readonly arrivalS: number;
  readonly functionId: string;
  readonly codeId: string;
  readonly paramsHash: string;
  /** NaN where the trace does not say. */
  readonly inputBytes: number;
  /** NaN where the trace has no measurement. */
  readonly durationS: number;
  readonly cpuS: number;
  readonly memoryMiB: number;
  readonly ioReadMiB: number;
  readonly ioWriteMiB: number;
  readonly noticeLeadS: number;
  /** "" when the notice (if any) named this row's function. */
  readonly noticeFunctionId: string;
  /** "" when the client asked for no profile. */
  readonly requestedProfile: string;
}

/** Problems with the header: missing required columns, unknown ones. */
export function checkHeader(fields: readonly string[]): string | undefined {
  const missing = REQUIRED.filter((c) => !fields.includes(c));
  if (missing.length > 0)
    return `missing column${missing.length > 1 ? "s" : ""} ${missing.join(", ")}`;
  const unknown = fields.filter((f) => !(TRACE_COLUMNS as readonly string[]).includes(f));
  if (unknown.length > 0)
    return `unknown column ${unknown.join(", ")}; known: ${TRACE_COLUMNS.join(", ")}`;
  return undefined;
}

/** Where each known column sits in a file's header (-1 when absent). */
export type ColumnIndex = Readonly<Record<TraceColumn, number>>;

export function columnIndex(fields: readonly string[]): ColumnIndex {
  const idx = {} as Record<TraceColumn, number>;
  for (const c of TRACE_COLUMNS) idx[c] = fields.indexOf(c);
  return idx;
}

/** A number field: NaN when absent or blank, -1 when not a number >= 0. */
function numeric(rec: readonly string[], i: number): number {
  const raw = i < 0 ? undefined : rec[i];
  if (raw === undefined) return NaN;
  const v = parseDecimal(raw);
  if (v >= 0 && v !== Infinity) return v;
  return Number.isNaN(v) && raw.trim() === "" ? NaN : -1;
}

function text(rec: readonly string[], i: number): string {
  const raw = i < 0 ? "" : (rec[i] ?? "");
  const first = raw.charCodeAt(0);
  const last = raw.charCodeAt(raw.length - 1);
  return first === 32 || last === 32 || first === 9 || last === 9 ? raw.trim() : raw;
}

/** One CSV record (fields in header order) as a TraceRow, or what is wrong with it. */
export function parseTraceRow(
  rec: readonly string[],
  idx: ColumnIndex,
  previousArrivalS: number,
): TraceRow | string {
  const arrivalS = numeric(rec, idx.arrival_s);
  const durationS = numeric(rec, idx.duration_s);
  const cpuS = numeric(rec, idx.cpu_s);
  const memoryMiB = numeric(rec, idx.memory_mib);
  const ioReadMiB = numeric(rec, idx.io_read_mib);
  const ioWriteMiB = numeric(rec, idx.io_write_mib);
  const noticeLeadS = numeric(rec, idx.notice_lead_s);
  const inputBytes = numeric(rec, idx.input_bytes);
  if (
    arrivalS < 0 ||
    durationS < 0 ||
    cpuS < 0 ||
    memoryMiB < 0 ||
    ioReadMiB < 0 ||
    ioWriteMiB < 0 ||
    noticeLeadS < 0 ||
    inputBytes < 0
  ) {
    return describeBadNumber(rec, idx);
  }
  if (inputBytes !== Math.floor(inputBytes) && !Number.isNaN(inputBytes)) {
    return `input_bytes is not a whole number of bytes: "${rec[idx.input_bytes] ?? ""}"`;
  }
  if (Number.isNaN(arrivalS)) return "arrival_s is empty";
  const functionId = text(rec, idx.function_id);
  if (functionId === "") return "function_id is empty";
  if (arrivalS < previousArrivalS) {
    return `arrival_s ${arrivalS} is before the previous row's ${previousArrivalS}: rows must be in arrival order`;
  }
  return {
    arrivalS,
    functionId,
    codeId: text(rec, idx.code_id),
    paramsHash: text(rec, idx.params_hash),
    inputBytes,
    durationS,
    cpuS,
    memoryMiB,
    ioReadMiB,
    ioWriteMiB,
    noticeLeadS,
    noticeFunctionId: text(rec, idx.notice_function_id),
    requestedProfile: text(rec, idx.requested_profile),
  };
}

function describeBadNumber(rec: readonly string[], idx: ColumnIndex): string {
  for (const c of NUMERIC) {
    if (numeric(rec, idx[c]) >= 0 || Number.isNaN(numeric(rec, idx[c]))) continue;
    const raw = rec[idx[c]] ?? "";
    return Number.isFinite(Number(raw))
      ? `${c} is negative: ${raw}`
      : `${c} is not a number: "${raw}"`;
  }
  return "a number field is bad";
}

/** A TraceRow as CSV values, in TRACE_COLUMNS order; NaN is written empty. */
export function traceRowValues(r: TraceRow): (string | number)[] {
  const n = (x: number) => (Number.isNaN(x) ? "" : x);
  return [
    r.arrivalS,
    r.functionId,
    r.codeId,
    r.paramsHash,
    n(r.inputBytes),
    n(r.durationS),
    n(r.cpuS),
    n(r.memoryMiB),
    n(r.ioReadMiB),
    n(r.ioWriteMiB),
    n(r.noticeLeadS),
    r.noticeFunctionId,
    r.requestedProfile,
  ];
}

/** Row i of a batch as one CSV line, the writer's hot path: the bytes of csvLine(traceRowValues(row)). */
export function writeTraceLine(out: CsvBytes, b: TraceBatch, i: number): void {
  out.number(b.arrivalS[i]!);
  out.comma();
  out.repeatedText(b.functionId[i]!);
  out.comma();
  out.repeatedText(b.codeId[i]!);
  out.comma();
  out.text(b.paramsHash[i]!);
  out.comma();
  out.number(b.inputBytes[i]!);
  out.comma();
  out.number(b.durationS[i]!);
  out.comma();
  out.number(b.cpuS[i]!);
  out.comma();
  out.number(b.memoryMiB[i]!);
  out.comma();
  out.number(b.ioReadMiB[i]!);
  out.comma();
  out.number(b.ioWriteMiB[i]!);
  out.comma();
  out.number(b.noticeLeadS[i]!);
  out.comma();
  out.repeatedText(b.noticeFunctionId[i]!);
  out.comma();
  out.repeatedText(b.requestedProfile[i]!);
  out.newline();
}
