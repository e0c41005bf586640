import { writeFileSync } from "node:fs";
import { join } from "node:path";
import type { CommandModule } from "yargs";
import { planHtml } from "../../../reports/plan/plan-html.js";
import { PLAN_EXIT_CODE, planJson } from "../../../reports/plan/plan-report.js";
import { planText } from "../../../reports/plan/plan-text.js";
import { readVegaScripts } from "../../../reports/html/vega-scripts.js";
import { RunDirectory } from "../../../reports/run-directory.js";
import { planPipeline } from "../../run/plan/plan-pipeline.js";
import type { ScenarioOptions } from "../../run/pipeline.js";
import { ScenarioOptionError } from "../../run/scenario-options.js";
import { UsageError } from "../../run/usage-error.js";
import { parseCount, parseSeed } from "../arguments.js";
import { abortOnSignals } from "../interrupt.js";
import { progressBar } from "../progress.js";

interface Args {
  scenario: string;
  out?: string;
  seed?: number;
  format: "text" | "json";
  "max-requests"?: number;
}

const FLAGS: Partial<Record<keyof ScenarioOptions, string>> = {
  seed: "--seed",
  maxRequests: "--max-requests",
};

export const planCommand: CommandModule<object, Args> = {
  command: "plan <scenario>",
  describe:
    "find the cheapest configuration of the scenario's plan: section that meets the SLA with 95% confidence (exit 0 found, 1 none meets it, 4 budget spent first)",
  builder: (y) =>
    y
      .positional("scenario", {
        type: "string",
        demandOption: true,
        describe: "scenario YAML file with a plan: section",
      })
      .option("format", {
        choices: ["text", "json"] as const,
        default: "text" as const,
        describe: "the result as a table or as JSON",
      })
      .option("out", {
        type: "string",
        describe: "write plan.json and plan.html here (the whole directory)",
      })
      .option("seed", {
        type: "string",
        coerce: parseSeed,
        describe: "override the scenario's seed",
      })
      .option("max-requests", {
        type: "string",
        coerce: (v: unknown) => parseCount("--max-requests", v),
        describe:
          "refuse a plan whose budget of runs would simulate more requests (run.maxRequests)",
      }),
  handler: async (args) => {
    const options: ScenarioOptions = {
      ...(args.seed !== undefined ? { seed: args.seed } : {}),
      ...(args["max-requests"] !== undefined ? { maxRequests: args["max-requests"] } : {}),
    };
    const dir = args.out === undefined ? undefined : new RunDirectory(args.out);
    const bar = progressBar(process.stderr);
    try {
      const { report } = await planPipeline({
        file: args.scenario,
        options,
        signal: abortOnSignals(),
        onRun: (done, budget, job) =>
          bar.update(done / budget, `run ${done}/${budget}: ${job.candidate.label}`),
      }).catch((e: unknown) => {
        throw e instanceof ScenarioOptionError
          ? new UsageError(`${FLAGS[e.option]}: ${e.reason}`)
          : e;
      });
      bar.done(`${report.runsSpent} runs`);
      process.stdout.write(args.format === "json" ? planJson(report) : planText(report));
      if (dir) {
        writeFileSync(dir.path("plan.json"), planJson(report));
        writeFileSync(dir.path("plan.html"), planHtml(report, readVegaScripts()));
        dir.commit();
        process.stderr.write(
          `wrote ${["plan.json", "plan.html"].map((f) => join(args.out!, f)).join(", ")}\n`,
        );
      }
      process.exitCode = PLAN_EXIT_CODE[report.outcome];
    } finally {
      dir?.discard();
    }
  },
};
