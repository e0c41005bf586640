import { availableParallelism } from "node:os";
import { join } from "node:path";
import type { CommandModule } from "yargs";
import { runText } from "../../../reports/run-text.js";
import { describeExpected } from "../../run/expected-requests.js";
import { runPipeline, type ScenarioOptions } from "../../run/pipeline.js";
import { ScenarioOptionError } from "../../run/scenario-options.js";
import { UsageError } from "../../run/usage-error.js";
import { parseCount, parseSeed } from "../arguments.js";
import { parseShard, type Shard } from "../../run/shard.js";
import { loadSweep, runSweep } from "../../run/sweep-pipeline.js";
import { sweepText } from "../../../reports/sweep-report.js";
import { cliRunOptions, cliSweepProgress } from "../run-options.js";

interface Args {
  scenario: string;
  out?: string;
  seed?: number;
  policy?: string[];
  requests: boolean;
  lenient: boolean;
  explain: boolean;
  "max-requests"?: number;
  workers?: number;
  shard?: Shard;
  profiles?: string;
}

/** The flag each scenario option is given by here. */
const FLAGS: Record<keyof ScenarioOptions, string> = {
  seed: "--seed",
  policies: "--policy",
  lenient: "--lenient",
  maxRequests: "--max-requests",
};

export const runCommand: CommandModule<object, Args> = {
  command: "run <scenario>",
  describe: "simulate every policy of a scenario and compare cost and SLA",
  builder: (y) =>
    y
      .positional("scenario", {
        type: "string",
        demandOption: true,
        describe: "scenario YAML file",
      })
      .option("out", {
        type: "string",
        describe:
          "write summary.json, summary.csv, timeseries.csv and run.json here (the whole directory, replacing an earlier run's)",
      })
      .option("seed", {
        type: "string",
        coerce: parseSeed,
        describe: "override the scenario's seed",
      })
      .option("policy", {
        type: "string",
        array: true,
        describe: "run only these policies (label or name; run.policies)",
      })
      .option("lenient", {
        type: "boolean",
        default: false,
        describe: "skip bad trace rows (and report how many) instead of stopping",
      })
      .option("explain", {
        type: "boolean",
        default: false,
        describe: "after the table, define every row and every CSV column",
      })
      .option("max-requests", {
        type: "string",
        coerce: (v: unknown) => parseCount("--max-requests", v),
        describe: "refuse a run expected to simulate more requests (run.maxRequests; 1e9)",
      })
      .option("profiles", {
        type: "string",
        describe:
          "start from the behavioral profiles of this database (a SQLite file, or a postgres:// URL) and save what the run learned there",
      })
      .option("requests", {
        type: "boolean",
        default: false,
        describe: "also write requests.csv (a row per request)",
      })
      .option("workers", {
        type: "string",
        coerce: (v: unknown) => parseWorkers(v),
        describe:
          "worker threads for a sweep's jobs (default: the core count); results do not depend on it",
      })
      .option("shard", {
        type: "string",
        coerce: (v: unknown) => parseShard(String(v)),
        describe:
          "run shard i of n of a sweep's jobs (0 <= i < n) and write it to --out for sim merge",
      })
      .check((a) => {
        if (a.requests && !a.out) throw new UsageError("--requests needs --out DIR");
        return true;
      }),
  handler: async (args) => {
    const options: ScenarioOptions = {
      ...(args.seed !== undefined ? { seed: args.seed } : {}),
      ...(args.policy ? { policies: args.policy } : {}),
      ...(args.lenient ? { lenient: true } : {}),
      ...(args["max-requests"] !== undefined ? { maxRequests: args["max-requests"] } : {}),
    };
    const failures = await runSweepIfAny(args, options);
    if (failures !== undefined) {
      if (failures > 0) process.exitCode = 1;
      return;
    }
    if (args.shard)
      throw new UsageError("--shard splits a sweep: the scenario has no sweep: block");
    const run = await runPipeline({
      file: args.scenario,
      options,
      ...(args.out !== undefined ? { out: args.out } : {}),
      requests: args.requests,
      ...(args.profiles !== undefined ? { profiles: args.profiles } : {}),
      ...cliRunOptions(),
      onPlan: (_, expected) => process.stderr.write(`${describeExpected(expected)}\n`),
    }).catch(optionError);
    process.stdout.write(
      runText(run.report, {
        slaTarget: run.scenario.slaTarget,
        explain: args.explain,
        timeseries: run.timeseries,
      }),
    );
    const p = run.profilesUsed;
    if (p)
      process.stderr.write(
        `profiles: started from ${p.startObservations} observations of ${p.startPrograms} programs in ${p.store}; saved ${p.saved}\n`,
      );
    if (run.skippedRows > 0)
      process.stderr.write(`skipped ${run.skippedRows} bad trace rows (lenient)\n`);
    if (args.out && run.written.length > 0)
      process.stderr.write(`wrote ${run.written.map((f) => join(args.out!, f)).join(", ")}\n`);
  },
};

function optionError(e: unknown): never {
  throw e instanceof ScenarioOptionError ? new UsageError(`${FLAGS[e.option]}: ${e.reason}`) : e;
}

function parseWorkers(v: unknown): number {
  const n = Number(v);
  if (!Number.isSafeInteger(n) || n < 1)
    throw new UsageError(`--workers "${String(v)}": a whole number of threads, 1 or more`);
  return n;
}

/** Runs the scenario's sweep, if it has one: the number of jobs that failed, or undefined. */
async function runSweepIfAny(args: Args, options: ScenarioOptions): Promise<number | undefined> {
  let sweep;
  try {
    sweep = loadSweep(args.scenario, options);
  } catch (e) {
    optionError(e);
  }
  if (sweep.points.length === 0) return undefined;
  if (args.requests) throw new UsageError("--requests: a sweep writes no per-request rows");
  const jobs = sweep.points.reduce(
    (a, p) => a + p.scenario.replications * p.scenario.policies.length,
    0,
  );
  const workers = args.workers ?? availableParallelism();
  process.stderr.write(
    `sweep: ${sweep.points.length} points, ${jobs} jobs${args.shard ? `, shard ${args.shard.index}/${args.shard.count}` : ""}, ${workers} worker${workers === 1 ? "" : "s"}\n`,
  );
  const { signal, onProgress } = cliSweepProgress();
  const run = await runSweep({
    sweep,
    options,
    workers,
    ...(args.shard ? { shard: args.shard } : {}),
    ...(args.out !== undefined ? { out: args.out } : {}),
    signal,
    ...(onProgress ? { onProgress } : {}),
  });
  if (run.report) process.stdout.write(sweepText(run.report));
  else
    process.stdout.write(
      `shard ${args.shard!.index}/${args.shard!.count}: ran ${run.ran} of ${run.frame.jobs.length} jobs\n`,
    );
  for (const f of run.failures) process.stderr.write(`sim: failed: ${f}\n`);
  if (run.failures.length > 0)
    process.stderr.write(
      `${run.failures.length} of ${run.ran} jobs failed; the others ran to the end\n`,
    );
  if (args.out && run.written.length > 0)
    process.stderr.write(`wrote ${run.written.map((f) => join(args.out!, f)).join(", ")}\n`);
  return run.failures.length;
}
