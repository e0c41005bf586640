/**
 * Azure Functions 2021 (Zhang et al., SOSP 2021) to the provisim trace
 * format: one row per invocation (app, func, end_timestamp, duration in
 * seconds). Rows come in end order; arrivals (end - duration) are put in
 * order with a heap that releases a request once no later row can arrive
 * before it, which holds as long as no duration exceeds the longest seen
 * so far when the earlier rows were released.
 */
import { csvBatches, requireColumns } from "../csv-records.js";
import type { TraceRow } from "../format.js";
import { TraceError } from "../reader.js";

class ArrivalHeap {
  private readonly items: TraceRow[] = [];

  get size(): number {
    return this.items.length;
  }

  peek(): TraceRow | undefined {
    return this.items[0];
  }

  push(r: TraceRow): void {
    const a = this.items;
    let i = a.length;
    a.push(r);
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (a[p]!.arrivalS <= r.arrivalS) break;
      a[i] = a[p]!;
      i = p;
    }
    a[i] = r;
  }

  pop(): TraceRow {
    const a = this.items;
    const top = a[0]!;
    const last = a.pop()!;
    if (a.length > 0) {
      let i = 0;
      for (;;) {
        let c = 2 * i + 1;
        if (c >= a.length) break;
        if (c + 1 < a.length && a[c + 1]!.arrivalS < a[c]!.arrivalS) c++;
        if (last.arrivalS <= a[c]!.arrivalS) break;
        a[i] = a[c]!;
        i = c;
      }
      a[i] = last;
    }
    return top;
  }
}

export interface Azure2021Stats {
  /** Invocations that started before the trace did (negative arrival), left out. */
  startedBeforeTrace: number;
}

/** Yields trace rows in arrival order, a batch at a time. */
export async function* importAzure2021(
  file: string,
  stats: Azure2021Stats = { startedBeforeTrace: 0 },
): AsyncGenerator<TraceRow[]> {
  const heap = new ArrivalHeap();
  let lastEnd = -Infinity;
  let longest = 0;
  let lastOut = -Infinity;
  const release = (upTo: number, line: number, out: TraceRow[]) => {
    while (heap.size > 0 && heap.peek()!.arrivalS <= upTo) {
      const r = heap.pop();
      if (r.arrivalS < lastOut) {
        throw new TraceError(
          file,
          line,
          "an invocation started before one already written; durations grew too long to reorder",
        );
      }
      lastOut = r.arrivalS;
      out.push(r);
    }
  };
  let line = 1;
  for await (const batch of csvBatches(file)) {
    const col = requireColumns(file, batch.header, ["app", "func", "end_timestamp", "duration"]);
    const out: TraceRow[] = [];
    batch.records.forEach((rec, i) => {
      line = batch.firstLine + i;
      const endRaw = rec[col.end_timestamp!] ?? "";
      const durRaw = rec[col.duration!] ?? "";
      const end = Number(endRaw);
      const duration = Number(durRaw);
      if (!Number.isFinite(end) || endRaw.trim() === "") {
        throw new TraceError(file, line, `end_timestamp is not a number: "${endRaw}"`);
      }
      if (!Number.isFinite(duration) || duration < 0 || durRaw.trim() === "") {
        throw new TraceError(file, line, `duration is not a number >= 0: "${durRaw}"`);
      }
      if (end < lastEnd)
        throw new TraceError(
          file,
          line,
          `end_timestamp ${end} is before the previous row's ${lastEnd}`,
        );
      lastEnd = end;
      // To the microsecond: the data is in milliseconds, and short numbers print fast.
      const arrival = Math.round((end - duration) * 1e6) / 1e6;
      if (arrival < lastOut) {
        throw new TraceError(
          file,
          line,
          `starts at ${arrival}, before an invocation already written (${lastOut})`,
        );
      }
      longest = Math.max(longest, duration);
      if (arrival < 0) {
        stats.startedBeforeTrace++;
        return;
      }
      heap.push({
        arrivalS: arrival,
        functionId: `${rec[col.app!]}/${rec[col.func!]}`,
        codeId: "",
        paramsHash: "",
        durationS: duration,
        cpuS: NaN,
        memoryMiB: NaN,
        ioReadMiB: NaN,
        ioWriteMiB: NaN,
        noticeLeadS: NaN,
      });
      release(end - longest, line, out);
    });
    if (out.length > 0) yield out;
  }
  const rest: TraceRow[] = [];
  release(Infinity, line, rest);
  if (rest.length > 0) yield rest;
}
