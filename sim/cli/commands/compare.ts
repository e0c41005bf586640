import { readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import type { CommandModule } from "yargs";
import { comparisonHtml } from "../../../reports/compare/compare-html.js";
import { comparisonJson } from "../../../reports/compare/compare-json.js";
import { compareSummaries, type Source } from "../../../reports/compare/compare-summaries.js";
import { comparisonTable } from "../../../reports/compare/compare-text.js";
import { CompareInputError } from "../../../reports/compare/input-error.js";
import { parseJsonText } from "../../../reports/compare/json-text.js";
import { parseSummary } from "../../../reports/compare/parse-summary.js";
import { writeFileWhole } from "../../../traces/partial-file.js";
import { UsageError } from "../../run/usage-error.js";

interface Args {
  a: string;
  b: string;
  format: "table" | "json";
  html?: string;
  "fail-on-worse": boolean;
}

function read(file: string): string {
  try {
    return readFileSync(file, "utf8");
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new CompareInputError(file, code === "ENOENT" ? "no such file" : `cannot read (${code})`);
  }
}

/** A run directory (its summary.json, once run.json says it is one) or a summary file. */
function readSource(path: string): Source {
  let isDirectory: boolean;
  try {
    isDirectory = statSync(path).isDirectory();
  } catch {
    throw new CompareInputError(path, "no such file or directory");
  }
  if (!isDirectory) return { path, summary: parseSummary(path, read(path)) };
  const manifest = join(path, "run.json");
  try {
    statSync(manifest);
  } catch {
    throw new CompareInputError(
      path,
      "not a run directory: it has no run.json (`sim run --out DIR` writes one)",
    );
  }
  const run = parseJsonText(manifest, read(manifest));
  if (typeof run !== "object" || run === null || Array.isArray(run))
    throw new CompareInputError(manifest, "expected a run manifest object");
  const summary = join(path, "summary.json");
  return { path, summary: parseSummary(summary, read(summary)) };
}

/** The page, written whole or not at all. */
function writeHtml(file: string, html: string): void {
  try {
    writeFileWhole(file, html);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new UsageError(`--html ${file}: cannot write it (${code ?? (e as Error).message})`);
  }
}

export const compareCommand: CommandModule<object, Args> = {
  command: "compare <a> <b>",
  describe: "changes per policy and metric from run A to run B (run directories or summaries)",
  builder: (y) =>
    y
      .positional("a", {
        type: "string",
        demandOption: true,
        describe: "the baseline: a `sim run --out` directory, or a summary.json or golden file",
      })
      .positional("b", {
        type: "string",
        demandOption: true,
        describe: "what is compared with it, likewise",
      })
      .option("format", { choices: ["table", "json"] as const, default: "table" as const })
      .option("html", { type: "string", describe: "also write the comparison as an HTML page" })
      .option("fail-on-worse", {
        type: "boolean",
        default: false,
        describe: "exit 1 when any figure of B is significantly worse than A's",
      })
      .epilog(
        "Policies are matched by label. A change is better or worse only when the 95% " +
          "intervals of A and B do not overlap; figures without an interval on both sides " +
          "(runs without replications) are shown but cannot be judged. Exit codes: 0 whatever " +
          "the changes; 1 with --fail-on-worse when a figure is significantly worse; 2 on bad input.",
      ),
  handler: (args) => {
    let comparison;
    try {
      comparison = compareSummaries(readSource(args.a), readSource(args.b));
    } catch (e) {
      if (e instanceof CompareInputError) throw new UsageError(e.message);
      throw e;
    }
    if (args.html !== undefined) writeHtml(args.html, comparisonHtml(comparison));
    process.stdout.write(
      args.format === "json" ? comparisonJson(comparison) : comparisonTable(comparison),
    );
    if (args["fail-on-worse"] && comparison.verdicts.worse > 0) process.exitCode = 1;
  },
};
