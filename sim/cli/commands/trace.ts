import type { Argv, CommandModule } from "yargs";
import {
  azure2019Days,
  importAzure2019,
  type Azure2019Files,
} from "../../../traces/import/azure2019.js";
import {
  DEFAULT_REORDER_WINDOW_S,
  importAzure2021,
  type Azure2021Stats,
} from "../../../traces/import/azure2021.js";
import { TraceReader } from "../../../traces/reader.js";
import { TraceStatsBuilder } from "../../../traces/trace-stats.js";
import { writeTraceFile, type TraceBatches } from "../../../traces/write-trace-file.js";
import { traceStatsJson, traceStatsTable } from "../../../reports/trace-stats-report.js";
import { RandomStreams } from "../../random/streams.js";
import { loadAndValidate } from "../../run/pipeline.js";
import { synthTrace } from "../../run/synth-trace.js";
import { UsageError } from "../../run/usage-error.js";
import { parseDuration } from "../../units/units.js";
import { parseSeed } from "../arguments.js";
import { abortOnSignals } from "../interrupt.js";
import { progressBar } from "../progress.js";

/**
 * Writes a trace file whole or not at all (writeTraceFile), stopped
 * cleanly by SIGINT or SIGTERM; a bar on a terminal shows how far it is, by
 * the share of the work `fraction` reports done.
 */
async function writeTrace(
  out: string,
  batches: () => TraceBatches,
  fraction: () => number,
  busyThreads = 0,
): Promise<number> {
  const bar = progressBar(process.stderr);
  const rows = (n: number) => `${n.toLocaleString("en-US")} rows`;
  bar.update(0, rows(0));
  const n = await writeTraceFile(out, batches, {
    busyThreads,
    signal: abortOnSignals(),
    onRows: (k) => bar.update(fraction(), rows(k)),
  });
  bar.done(rows(n));
  return n;
}

interface Azure2019Args {
  invocations: string[];
  durations: string[];
  memory?: string[];
  out: string;
  seed: number;
}

/**
 * The files of each day, in the order given: as many invocations as
 * durations, and memory for as many days or fewer (the dataset has memory
 * for d01-d12 only; the last days then have none).
 */
function daysOf(a: Azure2019Args): Azure2019Files[] {
  const n = a.invocations.length;
  const memory = a.memory ?? [];
  if (a.durations.length !== n || memory.length > n) {
    throw new UsageError(
      `--invocations and --durations must name as many days each, --memory no more (${n}, ${a.durations.length}, ${memory.length})`,
    );
  }
  return azure2019Days(a.invocations, a.durations, memory);
}

const azure2019: CommandModule<object, Azure2019Args> = {
  command: "azure2019",
  describe:
    "Azure Functions 2019: per-minute counts + duration and memory percentiles -> requests (several days: list each day's files in order)",
  builder: (y) =>
    y
      .option("invocations", {
        type: "string",
        array: true,
        demandOption: true,
        describe: "invocations_per_function_md.anon.dNN.csv (one per day)",
      })
      .option("durations", {
        type: "string",
        array: true,
        demandOption: true,
        describe: "function_durations_percentiles.anon.dNN.csv (one per day)",
      })
      .option("memory", {
        type: "string",
        array: true,
        describe:
          "app_memory_percentiles.anon.dNN.csv (one per day; fewer: the last days have no memory, as d13-d14 have none)",
      })
      .option("out", {
        type: "string",
        demandOption: true,
        describe: "trace file to write (.csv or .csv.gz)",
      })
      .option("seed", {
        type: "string",
        default: "1",
        coerce: parseSeed,
        describe: "seed for instants, durations and memory",
      }),
  handler: async (a) => {
    const days = daysOf(a);
    let fraction = 0;
    const n = await writeTrace(
      a.out,
      () => importAzure2019(days, new RandomStreams(a.seed), (f) => (fraction = f)),
      () => fraction,
    );
    process.stderr.write(`wrote ${n} requests to ${a.out}\n`);
  },
};

const azure2021: CommandModule<object, { file: string; out: string; "reorder-window": string }> = {
  command: "azure2021 <file>",
  describe: "Azure Functions 2021: one row per invocation (app, func, end_timestamp, duration)",
  builder: (y) =>
    y
      .positional("file", { type: "string", demandOption: true })
      .option("out", {
        type: "string",
        demandOption: true,
        describe: "trace file to write (.csv or .csv.gz)",
      })
      .option("reorder-window", {
        type: "string",
        default: `${DEFAULT_REORDER_WINDOW_S}s`,
        describe:
          "hold each row this long for one read later that started earlier (for rows in end order: the longest run to expect)",
      }),
  handler: async (a) => {
    const window = parseDuration(a["reorder-window"]);
    if (!window.ok) throw new UsageError(`--reorder-window: ${window.message}`);
    const stats: Azure2021Stats = { startedBeforeTrace: 0 };
    let fraction = 0;
    const n = await writeTrace(
      a.out,
      () =>
        importAzure2021(a.file, {
          reorderWindowS: window.value,
          stats,
          onProgress: (f) => (fraction = f),
        }),
      () => fraction,
      // Its parsing thread.
      1,
    );
    const left =
      stats.startedBeforeTrace > 0
        ? ` (${stats.startedBeforeTrace} that started before the trace left out)`
        : "";
    process.stderr.write(`wrote ${n} requests to ${a.out}${left}\n`);
  },
};

const synth: CommandModule<object, { scenario: string; out: string }> = {
  command: "synth <scenario>",
  describe:
    "write the synthetic workload of a scenario (its workload.synth, over its duration) as a trace",
  builder: (y) =>
    y.positional("scenario", { type: "string", demandOption: true }).option("out", {
      type: "string",
      demandOption: true,
      describe: "trace file to write (.csv or .csv.gz)",
    }),
  handler: async (a) => {
    const s = loadAndValidate(a.scenario);
    const trace = await synthTrace(s, a.scenario);
    const n = await writeTrace(a.out, () => trace.batches, trace.fraction);
    process.stderr.write(`wrote ${n} requests to ${a.out}\n`);
  },
};

const stats: CommandModule<object, { file: string; format: "table" | "json"; lenient: boolean }> = {
  command: "stats <file>",
  describe:
    "what a trace holds: span, rates (with a chart), functions, measured distributions, notices",
  builder: (y) =>
    y
      .positional("file", { type: "string", demandOption: true })
      .option("format", { choices: ["table", "json"] as const, default: "table" as const })
      .option("lenient", {
        type: "boolean",
        default: false,
        describe: "skip bad rows (counted) instead of stopping at the first",
      }),
  handler: async (a) => {
    const reader = new TraceReader(a.file, { lenient: a.lenient });
    const builder = new TraceStatsBuilder();
    const bar = progressBar(process.stderr);
    const rows = () => `${builder.count.toLocaleString("en-US")} rows`;
    while (await reader.refill()) {
      for (let r = reader.take(); r; r = reader.take()) builder.add(r);
      bar.update(reader.fractionRead(), rows());
    }
    bar.done(rows());
    const s = builder.stats();
    process.stdout.write(
      a.format === "json" ? traceStatsJson(a.file, s) : traceStatsTable(a.file, s),
    );
    if (reader.skipped > 0) process.stderr.write(`skipped ${reader.skipped} bad rows (lenient)\n`);
  },
};

const importCommands = [azure2019, azure2021];

/** The subcommands of `sim trace`, by name, with theirs. */
export const TRACE_COMMANDS: Readonly<Record<string, readonly string[]>> = {
  import: importCommands.map((c) => commandName(c)),
  [commandName(synth)]: [],
  [commandName(stats)]: [],
};

/** The name of a command module: the first word of its `command`. */
export function commandName(c: { readonly command?: string | readonly string[] }): string {
  return String(c.command).split(" ")[0]!;
}

export const traceCommand: CommandModule = {
  command: "trace <command>",
  describe:
    "make and inspect trace files: import public datasets, write a synthetic workload, summarize",
  builder: (y: Argv) =>
    y
      .command({
        command: "import <command>",
        describe: "import a public trace into the provisim trace format",
        builder: (yi: Argv) =>
          importCommands.reduce((y, c) => y.command(c as CommandModule), yi).demandCommand(1),
        handler: () => {},
      })
      .command(synth)
      .command(stats)
      .demandCommand(1),
  handler: () => {},
};
