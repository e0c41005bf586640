/**
 * The analyzer's results as a terminal table, JSON, or CSV (a row per
 * function). A file that could not be analyzed has its error in its table
 * row and its JSON object, and no CSV rows (it has no functions).
 */
import { isFailure, type FileResult } from "../sim/analysis/analyze.js";
import { toCsv } from "./csv.js";
import { textTable } from "./text-table.js";

export function analysisJson(files: readonly FileResult[]): string {
  return JSON.stringify(files, null, 2) + "\n";
}

export function analysisCsv(files: readonly FileResult[]): string {
  const rows = files.flatMap((f) => (isFailure(f) ? [] : f.functions.map((fn) => ({ f, fn }))));
  return toCsv(rows, [
    ["file", (r) => r.f.path],
    ["language", (r) => r.f.language],
    ["function", (r) => r.fn.name],
    ["start_line", (r) => r.fn.startLine],
    ["end_line", (r) => r.fn.endLine],
    ["cyclomatic", (r) => r.fn.cyclomatic],
    ["cognitive", (r) => r.fn.cognitive],
    ["max_nesting", (r) => r.fn.maxNesting],
    ["loop_nesting", (r) => r.fn.loopNesting],
    ["big_o", (r) => r.fn.bigO],
    ["halstead_volume", (r) => Math.round(r.fn.halsteadVolume * 10) / 10],
    ["collections", (r) => r.fn.collections],
    ["growth_in_loops", (r) => r.fn.growthInLoops],
    ["external_calls", (r) => r.fn.externalCalls],
    ["recursive", (r) => r.fn.recursive],
    ["complexity_score", (r) => r.fn.complexityScore],
  ]);
}

export function analysisTable(files: readonly FileResult[]): string {
  const header = [
    "file",
    "lang",
    "lines",
    "fns",
    "max cc",
    "max cog",
    "big-O",
    "score",
    "seed-000",
    "profile",
    "cores",
    "memory MiB",
  ];
  const order = ["O(1)", "O(n)", "O(n log n)", "O(n^2)", "O(n^3)", "O(n^4)", "O(2^n)"];
  const rank = (o: string) =>
    order.includes(o) ? order.indexOf(o) : o.startsWith("O(n^") ? 5.5 : 0;
  const body = files.map((f) => {
    if (isFailure(f)) return [f.path, f.language, ...header.slice(2).map(() => "")];
    const fns = f.functions;
    const worst = fns.reduce((a, b) => (rank(b.bigO) > rank(a.bigO) ? b : a));
    // Reduces, not Math.max(...): a file may hold more functions than a call takes arguments.
    const most = (k: "cyclomatic" | "cognitive") =>
      fns.reduce((m, x) => Math.max(m, x[k]), -Infinity);
    return [
      f.path,
      f.language,
      String(f.lines),
      String(fns.length - 1),
      String(most("cyclomatic")),
      String(most("cognitive")),
      worst.bigO,
      f.complexityScore.toFixed(1),
      String(f.seed000Score),
      f.profile,
      `${f.demand.cpuCores.min}-${f.demand.cpuCores.max}`,
      `${f.demand.memoryMiB.min}-${f.demand.memoryMiB.max}`,
    ];
  });
  // A failed file's row says why after its language, where its figures would be.
  const lines = textTable(header, body).split("\n");
  files.forEach((f, i) => {
    if (isFailure(f)) lines[i + 2] = `${lines[i + 2]!.trimEnd()}  ${f.error}`;
  });
  return lines.join("\n");
}
