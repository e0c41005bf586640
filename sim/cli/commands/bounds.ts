import { existsSync, readdirSync } from "node:fs";
import { join } from "node:path";
import type { CommandModule } from "yargs";
import { regressions } from "../../../reports/bounds/check.js";
import { checkText } from "../../../reports/bounds/check-text.js";
import { mismatchMessage } from "../../../reports/bounds/messages.js";
import {
  boundsPathOf,
  checkScenarioBounds,
  DEFAULT_MARGIN,
  measureBounds,
} from "../../run/bounds.js";
import { UsageError } from "../../run/usage-error.js";
import { cliRunOptions } from "../run-options.js";
import { readBoundsFile, writeBoundsFile } from "../bounds-io.js";

interface Args {
  scenarios?: string[];
  update: boolean;
  margin?: number;
  bounds?: string;
}

const SCENARIOS_DIR = "scenarios";

/** A scenario as given: a file, or a bare name of one in scenarios/. */
function scenarioFile(arg: string): string {
  if (/[\\/]/.test(arg) || /\.ya?ml$/i.test(arg)) return arg;
  return join(SCENARIOS_DIR, `${arg}.yaml`);
}

function scenarioFiles(args: Args): string[] {
  if (args.scenarios && args.scenarios.length > 0) return args.scenarios.map(scenarioFile);
  const all = existsSync(SCENARIOS_DIR)
    ? readdirSync(SCENARIOS_DIR)
        .filter((f) => f.endsWith(".yaml"))
        .sort()
    : [];
  if (all.length === 0)
    throw new UsageError(`no scenario given, and no ${SCENARIOS_DIR}/*.yaml here`);
  return all.map((f) => join(SCENARIOS_DIR, f));
}

function parseMargin(v: unknown): number {
  const n = typeof v === "string" && v.trim() !== "" ? Number(v) : NaN;
  if (!(Number.isFinite(n) && n >= 0))
    throw new UsageError(`--margin ${JSON.stringify(v)}: a share >= 0, such as 0.05 for 5%`);
  return n;
}

export const boundsCommand: CommandModule<object, Args> = {
  command: "bounds [scenarios..]",
  describe:
    "check scenarios against their committed policy bounds (DIR/bounds/NAME.json); --update rewrites them",
  builder: (y) =>
    y
      .positional("scenarios", {
        type: "string",
        array: true,
        describe: "scenario files or names in scenarios/ (default: every scenarios/*.yaml)",
      })
      .option("update", {
        type: "boolean",
        default: false,
        describe: "run each scenario and rewrite its bounds from what it measures",
      })
      .option("margin", {
        type: "string",
        coerce: parseMargin,
        describe: `with --update, the relative tolerance where a scenario has no replications (${DEFAULT_MARGIN})`,
      })
      .option("bounds", {
        type: "string",
        describe: "the bounds file, in place of DIR/bounds/NAME.json (one scenario only)",
      })
      .check((a) => {
        if (a.margin !== undefined && !a.update)
          throw new UsageError("--margin goes with --update");
        return true;
      }),
  handler: async (args) => {
    const files = scenarioFiles(args);
    if (args.bounds !== undefined && files.length !== 1)
      throw new UsageError(`--bounds names the file of one scenario, not of ${files.length}`);
    const pathOf = (f: string) => args.bounds ?? boundsPathOf(f);
    const opts = cliRunOptions();
    if (args.update) {
      for (const file of files) {
        const bounds = await measureBounds(file, args.margin ?? DEFAULT_MARGIN, opts);
        writeBoundsFile(pathOf(file), bounds);
        const n = Object.keys(bounds.policies).length;
        const basis =
          bounds.replications > 1
            ? `95% intervals of ${bounds.replications} replications`
            : `a ${bounds.margin * 100}% margin`;
        process.stdout.write(`wrote ${pathOf(file)}: ${n} policies, tolerances from ${basis}\n`);
      }
      return;
    }
    // Every bounds file is read first: a missing one stops the command before any run.
    const bounds = files.map((f) =>
      readBoundsFile(pathOf(f), `write it with sim bounds --update ${f}`),
    );
    let broken = 0;
    for (const [i, file] of files.entries()) {
      const result = await checkScenarioBounds(file, bounds[i]!, opts);
      if (result.mismatches.length > 0)
        throw new UsageError(
          `${pathOf(file)}: ${result.mismatches.map((m) => mismatchMessage(result, m)).join("; ")}; rewrite it with sim bounds --update ${file}`,
        );
      process.stdout.write(checkText(result));
      broken += regressions(result).length;
    }
    if (broken > 0) process.exitCode = 1;
  },
};
