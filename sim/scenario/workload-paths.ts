/**
 * Every file or directory the workload names must exist. Read from the
 * document as written, so the check runs even when other workload fields
 * are wrong.
 */
import { existsSync } from "node:fs";
import { resolve } from "node:path";
import type { PathKey } from "./issues.js";
import type { Reporter } from "./reporter.js";
import { isPlainObject } from "./zod-issues.js";

const IMPORT_FILES: Record<string, readonly string[]> = {
  azure2019: ["invocations", "durations", "memory"],
  azure2021: ["file"],
};

export function checkWorkloadPaths(workload: unknown, baseDir: string, report: Reporter): void {
  if (!isPlainObject(workload)) return;
  for (const kind of ["synth", "trace", "import"]) {
    const spec = workload[kind];
    if (!isPlainObject(spec)) continue;
    const check = (path: PathKey[], value: unknown, what: string) => {
      if (Array.isArray(value)) value.forEach((v, i) => check([...path, i], v, what));
      else if (typeof value === "string" && value !== "" && !existsSync(resolve(baseDir, value))) {
        report.at(["workload", kind, ...path], `no such ${what}: ${resolve(baseDir, value)}`);
      }
    };
    check(["code"], spec.code, "code directory");
    check(["file"], spec.file, "trace file");
    for (const [format, keys] of Object.entries(IMPORT_FILES)) {
      const files = spec[format];
      if (isPlainObject(files)) for (const k of keys) check([format, k], files[k], "file");
    }
  }
}
