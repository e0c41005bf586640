/**
 * The analyzer's cost against the size of one file: time and peak resident
 * memory for generated JavaScript files of 1, 2 and 5 MB, each analyzed in a
 * fresh process (as `sim analyze FILE` runs), so the peak is that file's.
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { isFailure } from "../sim/analysis/analyze.js";
import { analyzePath } from "../traces/code-files.js";
import { generatedJs } from "./analyzer-inputs.js";

export interface AnalyzerRun {
  readonly lines: number;
  readonly functions: number;
  readonly seconds: number;
  /** User and system CPU time: on a shared machine, steadier than wall time. */
  readonly cpuSeconds: number;
  readonly maxRssMiB: number;
}

/** One file analyzed in this process, for a fresh child of the benchmark. */
export async function analyzeOnce(file: string): Promise<AnalyzerRun> {
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  const { results } = await analyzePath(file);
  const seconds = (performance.now() - t0) / 1000;
  const cpu = process.cpuUsage(cpu0);
  const r = results[0];
  if (!r || isFailure(r)) throw new Error(`${file}: ${r ? r.error : "not analyzed"}`);
  return {
    lines: r.lines,
    functions: r.functions.length,
    seconds,
    cpuSeconds: (cpu.user + cpu.system) / 1e6,
    maxRssMiB: process.resourceUsage().maxRSS / 1024,
  };
}

/** Each size in fresh processes, best of `rounds` times (the least disturbed) and the largest peak. */
export function analyzerBenchmarks(self: string, megabytes: readonly number[], rounds: number) {
  const dir = mkdtempSync(join(tmpdir(), "provisim-bench-analyzer-"));
  try {
    const out: Record<string, AnalyzerRun & { bytes: number }> = {};
    for (const mb of megabytes) {
      const text = generatedJs(mb * 1e6);
      const file = join(dir, `generated-${mb}mb.js`);
      writeFileSync(file, text);
      let best: AnalyzerRun | undefined;
      let maxRssMiB = 0;
      for (let round = 0; round < rounds; round++) {
        const r = JSON.parse(
          execFileSync(process.execPath, [self, "--analyze-file", file], { encoding: "utf8" }),
        ) as AnalyzerRun;
        maxRssMiB = Math.max(maxRssMiB, r.maxRssMiB);
        if (!best || r.cpuSeconds < best.cpuSeconds) best = r;
      }
      out[`${mb}MB`] = { bytes: text.length, ...best!, maxRssMiB };
      console.error(`analyzer, ${mb} MB of JavaScript: ${JSON.stringify(out[`${mb}MB`])}`);
    }
    return out;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
