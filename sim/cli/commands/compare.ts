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
import { compareGoldens } from "../../../reports/compare/compare-goldens.js";
import {
  goldenComparisonHtml,
  goldenComparisonJson,
  goldenComparisonTable,
} from "../../../reports/compare/compare-goldens-text.js";
import { writeFileWhole } from "../../../traces/partial-file.js";
import { UsageError } from "../../run/usage-error.js";
import { goldensAtRevision, goldensInWorkingTree, repositoryRoot } from "../golden-revisions.js";

interface Args {
  a?: string;
  b?: string;
  golden: boolean;
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

/** `--golden REV1 [REV2]`: every golden of the two revisions (REV2: the working tree). */
function compareGoldenRevisions(args: Args): void {
  const root = repositoryRoot(process.cwd());
  let comparison;
  try {
    comparison = compareGoldens(
      goldensAtRevision(root, args.a!),
      args.b === undefined ? goldensInWorkingTree(root) : goldensAtRevision(root, args.b),
    );
  } catch (e) {
    if (e instanceof CompareInputError) throw new UsageError(e.message);
    throw e;
  }
  if (comparison.scenarios.length === 0)
    throw new UsageError(`--golden: neither side has a scenarios/golden/*.json in ${root}`);
  if (args.html !== undefined) writeHtml(args.html, goldenComparisonHtml(comparison));
  process.stdout.write(
    args.format === "json" ? goldenComparisonJson(comparison) : goldenComparisonTable(comparison),
  );
  if (args["fail-on-worse"] && comparison.verdicts.worse > 0) process.exitCode = 1;
}

export const compareCommand: CommandModule<object, Args> = {
  command: "compare [a] [b]",
  describe: "changes per policy and metric from run A to run B (run directories or summaries)",
  builder: (y) =>
    y
      .positional("a", {
        type: "string",
        describe:
          "the baseline: a `sim run --out` directory, or a summary.json or golden file; with --golden, a revision",
      })
      .positional("b", {
        type: "string",
        describe:
          "what is compared with it, likewise; with --golden, a revision (default: the working tree)",
      })
      .option("golden", {
        type: "boolean",
        default: false,
        describe: "compare every scenarios/golden/*.json between revision A and B (git show)",
      })
      .check((a) => {
        if (a.a === undefined)
          throw new UsageError(
            a.golden ? "--golden needs a revision A" : "name two runs or summaries, A and B",
          );
        if (!a.golden && a.b === undefined)
          throw new UsageError("name what is compared with A, B (or use --golden REV1 [REV2])");
        return true;
      })
      .option("format", { choices: ["table", "json"] as const, default: "table" as const })
      .option("html", { type: "string", describe: "also write the comparison as an HTML page" })
      .option("fail-on-worse", {
        type: "boolean",
        default: false,
        describe: "exit 1 when any figure of B is significantly worse than A's",
      })
      .epilog(
        "With --golden, scenarios are matched by file name and read with git show from the " +
          "repository holding the current directory. " +
          "Policies are matched by label. A change is better or worse only when the 95% " +
          "intervals of A and B do not overlap; figures without an interval on both sides " +
          "(runs without replications) are shown but cannot be judged. Exit codes: 0 whatever " +
          "the changes; 1 with --fail-on-worse when a figure is significantly worse; 2 on bad input.",
      ),
  handler: (args) => {
    if (args.golden) {
      compareGoldenRevisions(args);
      return;
    }
    let comparison;
    try {
      comparison = compareSummaries(readSource(args.a!), readSource(args.b!));
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
