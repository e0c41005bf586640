import { renameSync, rmSync } from "node:fs";
import type { Argv, CommandModule } from "yargs";
import { TraceBatch } from "../../../traces/trace-batch.js";
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
import { synthWorkload, traceRowOf } from "../../../traces/synth/workload.js";
import { TraceError, TraceReader } from "../../../traces/reader.js";
import { TraceStatsBuilder } from "../../../traces/trace-stats.js";
import { traceStatsJson, traceStatsTable } from "../../../reports/trace-stats-report.js";
import { openTraceWriter } from "../../../traces/threaded-writer.js";
import { RandomStreams } from "../../random/streams.js";
import { parseDuration } from "../../units/units.js";
import { loadAndValidate, UsageError } from "../pipeline.js";
import { progressBar } from "../progress.js";

const SYNTH_BATCH_ROWS = 8192;

type Batches = AsyncIterable<TraceBatch> | Iterable<TraceBatch>;

/**
 * Writes the rows `batches` makes to `out` through a temporary file, so a
 * failure leaves nothing half-written; a bar on a terminal shows how far it
 * is, by the share of the work `batches` reports done.
 */
async function writeTrace(
  out: string,
  batches: (onProgress: (fraction: number) => void) => Batches,
  busyThreads = 0,
): Promise<number> {
  const tmp = `${out}.partial-${process.pid}${out.endsWith(".gz") ? ".gz" : ""}`;
  const writer = openTraceWriter(tmp, busyThreads);
  const bar = progressBar(process.stderr);
  let fraction = 0;
  let n = 0;
  try {
    for await (const batch of batches((f) => (fraction = f))) {
      await writer.writeBatch(batch);
      n += batch.length;
      bar.update(fraction, `${n.toLocaleString("en-US")} rows`);
    }
    await writer.close();
    bar.done(`${n.toLocaleString("en-US")} rows`);
    renameSync(tmp, out);
  } catch (e) {
    await writer.close().catch(() => {});
    rmSync(tmp, { force: true });
    throw e instanceof TraceError && e.file === tmp ? new TraceError(out, 0, e.reason) : e;
  }
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
        type: "number",
        default: 1,
        describe: "seed for instants, durations and memory",
      }),
  handler: async (a) => {
    const days = daysOf(a);
    const n = await writeTrace(a.out, (onProgress) =>
      importAzure2019(days, new RandomStreams(a.seed), onProgress),
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
    const n = await writeTrace(
      a.out,
      (onProgress) => importAzure2021(a.file, { reorderWindowS: window.value, stats, onProgress }),
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
    if (s.workload.kind !== "synth")
      throw new UsageError(`${a.scenario} has no workload.synth to write`);
    const source = synthWorkload(s.workload.synth, new RandomStreams(s.seed).child("rep-0"));
    function* rows(onProgress: (fraction: number) => void): Generator<TraceBatch> {
      let batch = new TraceBatch(SYNTH_BATCH_ROWS);
      for (let r = source.next(); r && r.arrivalS < s.horizonS; r = source.next()) {
        batch.push(traceRowOf(r));
        if (batch.length === SYNTH_BATCH_ROWS) {
          onProgress(r.arrivalS / s.horizonS);
          yield batch;
          batch = new TraceBatch(SYNTH_BATCH_ROWS);
        }
      }
      if (batch.length > 0) yield batch;
    }
    const n = await writeTrace(a.out, rows);
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

export const traceCommand: CommandModule = {
  command: "trace <command>",
  describe:
    "make and inspect trace files: import public datasets, write a synthetic workload, summarize",
  builder: (y: Argv) =>
    y
      .command({
        command: "import <command>",
        describe: "import a public trace into the provisim trace format",
        builder: (yi: Argv) => yi.command(azure2019).command(azure2021).demandCommand(1),
        handler: () => {},
      })
      .command(synth)
      .command(stats)
      .demandCommand(1),
  handler: () => {},
};
