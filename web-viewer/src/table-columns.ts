/** The comparison table's columns: header, how a cell reads, and its interval where there is one. */
import type { ComparisonRow, FigureKey } from "./comparison.js";

export interface FigureColumn {
  readonly key: FigureKey;
  readonly header: string;
  readonly format: (x: number) => string;
  /** The 95% half-width shown with the figure, when the run has replications. */
  readonly ci95?: FigureKey;
}

const count = (x: number) => x.toLocaleString("en", { maximumFractionDigits: 1 });
const percent = (x: number) => `${(x * 100).toFixed(2)}%`;
const seconds = (x: number) => x.toFixed(3);
const dollars = (x: number) => `$${x.toFixed(4)}`;

export const FIGURE_COLUMNS: readonly FigureColumn[] = [
  { key: "requests", header: "requests", format: count },
  { key: "completed", header: "completed", format: count },
  { key: "slaAttainment", header: "SLA attainment", format: percent, ci95: "slaAttainmentCi95" },
  { key: "costUsd", header: "cost (USD)", format: dollars, ci95: "costUsdCi95" },
  { key: "latencyMeanS", header: "mean latency (s)", format: seconds },
  { key: "latencyP50S", header: "p50 latency (s)", format: seconds },
  { key: "latencyP99S", header: "p99 latency (s)", format: seconds },
  { key: "coldStarts", header: "cold starts", format: count },
  { key: "coldStartRatio", header: "cold-start ratio", format: percent },
  { key: "meanInstances", header: "mean instances", format: count },
];

/** The CSV columns: every figure at full precision, each interval in a column of its own. */
export const CSV_COLUMNS: readonly [string, (r: ComparisonRow) => string | number | null][] = [
  ["run", (r) => r.run],
  ["policy", (r) => r.policy],
  ...FIGURE_COLUMNS.flatMap((c) => {
    const own: [string, (r: ComparisonRow) => number | null] = [c.key, (r) => r[c.key]];
    const ci = c.ci95;
    return ci ? [own, [ci, (r: ComparisonRow) => r[ci]] as typeof own] : [own];
  }),
];
