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
 * | duration_s | measured run time, seconds | no |
 * | cpu_s | measured CPU time, seconds | no |
 * | memory_mib | measured peak memory, MiB | no |
 * | io_read_mib, io_write_mib | measured IO, MiB | no |
 * | notice_lead_s | a pre-trigger notification came this long before arrival | no |
 */

export const TRACE_COLUMNS = [
  "arrival_s",
  "function_id",
  "code_id",
  "params_hash",
  "duration_s",
  "cpu_s",
  "memory_mib",
  "io_read_mib",
  "io_write_mib",
  "notice_lead_s",
] as const;

export type TraceColumn = (typeof TRACE_COLUMNS)[number];
const REQUIRED: readonly TraceColumn[] = ["arrival_s", "function_id"];
const NUMERIC: readonly TraceColumn[] = [
  "arrival_s",
  "duration_s",
  "cpu_s",
  "memory_mib",
  "io_read_mib",
  "io_write_mib",
  "notice_lead_s",
];

export interface TraceRow {
  readonly arrivalS: number;
  readonly functionId: string;
  readonly codeId: string;
  readonly paramsHash: string;
  /** NaN where the trace has no measurement. */
  readonly durationS: number;
  readonly cpuS: number;
  readonly memoryMiB: number;
  readonly ioReadMiB: number;
  readonly ioWriteMiB: number;
  readonly noticeLeadS: number;
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

/** One CSV record as a TraceRow, or what is wrong with it. */
export function parseTraceRow(
  rec: Record<string, string | undefined>,
  previousArrivalS: number,
): TraceRow | string {
  const num: Partial<Record<TraceColumn, number>> = {};
  for (const c of NUMERIC) {
    const raw = (rec[c] ?? "").trim();
    if (raw === "") {
      if (c === "arrival_s") return "arrival_s is empty";
      num[c] = NaN;
      continue;
    }
    const v = Number(raw);
    if (!Number.isFinite(v)) return `${c} is not a number: "${raw}"`;
    if (v < 0) return `${c} is negative: ${raw}`;
    num[c] = v;
  }
  const functionId = (rec.function_id ?? "").trim();
  if (functionId === "") return "function_id is empty";
  if (num.arrival_s! < previousArrivalS) {
    return `arrival_s ${num.arrival_s} is before the previous row's ${previousArrivalS}: rows must be in arrival order`;
  }
  return {
    arrivalS: num.arrival_s!,
    functionId,
    codeId: (rec.code_id ?? "").trim(),
    paramsHash: (rec.params_hash ?? "").trim(),
    durationS: num.duration_s!,
    cpuS: num.cpu_s!,
    memoryMiB: num.memory_mib!,
    ioReadMiB: num.io_read_mib!,
    ioWriteMiB: num.io_write_mib!,
    noticeLeadS: num.notice_lead_s!,
  };
}

/** A TraceRow as CSV values, in TRACE_COLUMNS order; NaN is written empty. */
export function traceRowValues(r: TraceRow): (string | number)[] {
  const n = (x: number) => (Number.isNaN(x) ? "" : x);
  return [
    r.arrivalS,
    r.functionId,
    r.codeId,
    r.paramsHash,
    n(r.durationS),
    n(r.cpuS),
    n(r.memoryMiB),
    n(r.ioReadMiB),
    n(r.ioWriteMiB),
    n(r.noticeLeadS),
  ];
}
