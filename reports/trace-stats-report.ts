/** A trace's statistics (traces/trace-stats.ts) as a terminal summary with a rate chart, or JSON. */
import type { Spread, TraceStats } from "../traces/trace-stats.js";
import { columnMeans, sparkline } from "./sparkline.js";
import { textTable } from "./text-table.js";
import { fmtDuration, int, pct, secs } from "./text-format.js";

export function traceStatsJson(file: string, stats: TraceStats): string {
  return JSON.stringify({ file, ...stats }, null, 2) + "\n";
}

const CHART_COLUMNS = 60;

/** Rates as a one-line bar chart of at most CHART_COLUMNS columns (each the mean of its minutes). */
export function rateChart(rates: readonly number[]): string {
  // A bar's height is its share of the highest column, in eighths.
  const top = columnMeans(rates, CHART_COLUMNS).reduce((m, x) => Math.max(m, x), 0);
  return sparkline(rates, CHART_COLUMNS, top, { blankZero: false });
}

/** A size in MiB, in the unit that keeps it readable. */
function mib(x: number): string {
  if (x >= 1024) return `${(x / 1024).toFixed(1)} GiB`;
  if (x >= 1) return `${x.toFixed(1)} MiB`;
  return `${(x * 1024).toFixed(1)} KiB`;
}

export function traceStatsTable(file: string, s: TraceStats): string {
  const spanS = s.lastArrivalS - s.firstArrivalS;
  const lines = [
    `${file}: ${int(s.rows)} requests over ${fmtDuration(Math.round(spanS))}, ${int(s.functions)} functions${s.codeIds > 0 ? `, ${int(s.codeIds)} code ids` : ""}`,
    `rate: mean ${s.meanRatePerS.toFixed(2)}/s, busiest minute ${s.peakMinute.ratePerS.toFixed(2)}/s at ${fmtDuration(s.peakMinute.startS)}`,
    `rate by minute, ${fmtDuration(Math.round(s.ratePerMinute.length * 60))} from the start:`,
    `  ${rateChart(s.ratePerMinute)}`,
    "",
  ];
  const spreads: [string, Spread | null, (x: number) => string][] = [
    ["duration", s.durationS, secs],
    ["cpu time", s.cpuS, secs],
    ["memory", s.memoryMiB, (x) => `${x.toFixed(0)} MiB`],
    ["input size", s.inputMiB, mib],
    ["notice lead", s.notices?.leadS ?? null, secs],
  ];
  const measured = spreads.filter(([, sp]) => sp !== null);
  if (measured.length > 0) {
    const body = measured.map(([name, sp, f]) => [
      name,
      pct(sp!.count / s.rows),
      f(sp!.mean),
      f(sp!.p50),
      f(sp!.p95),
      f(sp!.p99),
      f(sp!.max),
    ]);
    lines.push(textTable(["", "rows", "mean", "p50", "p95", "p99", "max"], body));
  }
  if (s.paramsHashes)
    lines.push(
      `input parameters: ${s.paramsHashes.atLeast ? "at least " : ""}${int(s.paramsHashes.distinct)} distinct hashes\n`,
    );
  if (s.notices)
    lines.push(
      `notices: ${pct(s.notices.share)} of requests announced, ${pct(s.notices.wrongShare)} of them naming another function\n`,
    );
  lines.push(
    textTable(
      ["top functions", "share"],
      s.topFunctions.map((f) => [
        f.id.length > 60 ? `${f.id.slice(0, 57)}...` : f.id,
        pct(f.share),
      ]),
    ),
  );
  return lines.join("\n");
}
