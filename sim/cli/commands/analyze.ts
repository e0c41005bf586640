import { existsSync } from "node:fs";
import type { CommandModule } from "yargs";
import { analysisCsv, analysisJson, analysisTable } from "../../../reports/analysis-report.js";
import { analyzePath } from "../../analysis/analyze.js";
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
      .option("format", { choices: ["table", "json", "csv"] as const, default: "table" as const }),
  handler: async (a) => {
    if (!existsSync(a.path)) throw new UsageError(`${a.path}: no such file or directory`);
    const files = await analyzePath(a.path);
    if (files.length === 0) throw new UsageError(`${a.path}: no source file in a known language`);
    const render =
      a.format === "json" ? analysisJson : a.format === "csv" ? analysisCsv : analysisTable;
    process.stdout.write(render(files));
  },
};
