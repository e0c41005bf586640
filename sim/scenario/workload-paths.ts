/**
 * Every file or directory the workload names must exist. Read from the
 * document as written, so the check runs even when other workload fields
 * are wrong.
 */
import { statSync } from "node:fs";
import { isAbsolute, relative, resolve, sep } from "node:path";
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
    // A code directory may also be one source file; a trace or import input must be a file.
    const check = (path: PathKey[], value: unknown, what: string, fileOnly: boolean) => {
      if (Array.isArray(value)) value.forEach((v, i) => check([...path, i], v, what, fileOnly));
      else if (typeof value === "string" && value !== "") {
        const full = resolve(baseDir, value);
        const at = ["workload", kind, ...path];
        const st = statSync(full, { throwIfNoEntry: false });
        if (!st) report.at(at, `no such ${what}: ${full}`);
        else if (fileOnly && !st.isFile())
          report.at(at, `not a file: ${full} (a ${what} is a file)`);
      }
    };
    check(["code"], spec.code, "code directory", false);
    if (kind === "synth") checkPrograms(spec.programs, spec.code, baseDir, report);
    check(["file"], spec.file, "trace file", true);
    for (const [format, keys] of Object.entries(IMPORT_FILES)) {
      const files = spec[format];
      if (isPlainObject(files)) for (const k of keys) check([format, k], files[k], "file", true);
    }
  }
}

/** Each file `programs:` lists is a file of the synth workload's `code:` directory. */
function checkPrograms(programs: unknown, code: unknown, baseDir: string, report: Reporter): void {
  if (!Array.isArray(programs)) return;
  const at: PathKey[] = ["workload", "synth", "programs"];
  if (typeof code !== "string" || code === "") {
    report.at(at, "programs are files of the `code:` directory, and there is none");
    return;
  }
  const dir = resolve(baseDir, code);
  programs.forEach((p, i) => {
    if (typeof p !== "string" || p === "") return;
    const full = resolve(dir, p);
    const rel = relative(dir, full);
    // `..` as the first segment leaves the directory; a name like `..x.go` does not.
    if (rel === ".." || rel.startsWith(`..${sep}`) || isAbsolute(rel))
      report.at([...at, i], `not inside ${dir}: ${p}`);
    else if (!statSync(full, { throwIfNoEntry: false })?.isFile())
      report.at([...at, i], `no such file in the code directory: ${full}`);
  });
}
