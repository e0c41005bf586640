import { existsSync, statSync } from "node:fs";
import { join } from "node:path";
import type { CommandModule } from "yargs";
import { analysisCsv, analysisJson, analysisTable } from "../../../reports/analysis-report.js";
import { analyzePath } from "../../../traces/code-files.js";
import { isFailure } from "../../analysis/analyze.js";
import { LANGUAGES } from "../../analysis/languages.js";
import { UsageError } from "../../run/usage-error.js";

interface Args {
  path: string;
  format: "table" | "json" | "csv";
}

export const analyzeCommand: CommandModule<object, Args> = {
  command: "analyze <path>",
  describe: `code complexity of a file or directory (${LANGUAGES.map((l) => l.name).join(", ")})`,
  builder: (y) =>
    y
      .positional("path", { type: "string", demandOption: true })
      .option("format", { choices: ["table", "json", "csv"] as const, default: "table" as const })
      .epilog(
        "Files that are not text are skipped with a warning. A file that cannot be read or " +
          "analyzed is reported in its row (JSON: an `error` field) and on stderr, the other " +
          "files are analyzed, and the exit code is 2; 0 when every file was analyzed.",
      ),
  handler: async (a) => {
    if (!existsSync(a.path)) throw new UsageError(`${a.path}: no such file or directory`);
    const { results, skipped } = await analyzePath(a.path);
    const shown = (path: string) => (statSync(a.path).isDirectory() ? join(a.path, path) : a.path);
    for (const path of skipped)
      process.stderr.write(`sim: warning: ${shown(path)}: not a text file, skipped\n`);
    if (results.length === 0) throw new UsageError(`${a.path}: no source file in a known language`);
    const render =
      a.format === "json" ? analysisJson : a.format === "csv" ? analysisCsv : analysisTable;
    process.stdout.write(render(results));
    const failures = results.filter(isFailure);
    for (const f of failures) process.stderr.write(`sim: ${f.path}: ${f.error}\n`);
    if (failures.length > 0) process.exitCode = 2;
  },
};
