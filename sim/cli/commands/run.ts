import {
  closeSync,
  mkdirSync,
  mkdtempSync,
  openSync,
  renameSync,
  rmSync,
  writeFileSync,
  writeSync,
} from "node:fs";
import { join } from "node:path";
import type { CommandModule } from "yargs";
import type { RequestRecord } from "../../model/summary.js";
import { csvLine } from "../../../reports/csv.js";
import { summaryCsv, summaryJson, timeseriesCsv } from "../../../reports/summary-report.js";
import { runText } from "../../../reports/run-text.js";
import { loadAndValidate, runScenario } from "../pipeline.js";
import { progressBar } from "../progress.js";

interface Args {
  scenario: string;
  out?: string;
  seed?: number;
  policy?: string[];
  requests: boolean;
  lenient: boolean;
  explain: boolean;
}

const REQUEST_COLUMNS = [
  "policy",
  "request_id",
  "function_id",
  "arrival_s",
  "start_s",
  "end_s",
  "latency_s",
  "outcome",
  "instance_type",
  "instance_id",
  "cold_start",
];

/** Buffered line writer on a file descriptor: I/O stays here, at the edge. */
function lineWriter(fd: number) {
  let buffer = "";
  return {
    write(line: string) {
      buffer += line;
      if (buffer.length > 1 << 16) {
        writeSync(fd, buffer);
        buffer = "";
      }
    },
    flush() {
      if (buffer) writeSync(fd, buffer);
      buffer = "";
    },
  };
}

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
        describe: "write summary.json, summary.csv, timeseries.csv here",
      })
      .option("seed", { type: "number", describe: "override the scenario's seed" })
      .option("policy", {
        type: "string",
        array: true,
        describe: "run only these policies (label or name)",
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
      .option("requests", {
        type: "boolean",
        default: false,
        describe: "also write requests.csv (a row per request)",
      })
      .check((a) => {
        if (a.requests && !a.out) throw new Error("--requests needs --out DIR");
        if (a.seed !== undefined && !(Number.isInteger(a.seed) && a.seed >= 0))
          throw new Error("--seed must be an integer >= 0");
        return true;
      }),
  handler: async (args) => {
    const loaded = loadAndValidate(args.scenario);
    const scenario =
      args.lenient && loaded.workload.kind === "trace"
        ? { ...loaded, workload: { ...loaded.workload, lenient: true } }
        : loaded;
    let staging: string | undefined;
    let requestsFd = -1;
    let requests: ReturnType<typeof lineWriter> | undefined;
    if (args.out) {
      mkdirSync(args.out, { recursive: true });
      // Everything is written beside the target first and moved in at the end,
      // so an interrupted run never leaves half-written reports.
      staging = mkdtempSync(join(args.out, ".sim-run-"));
    }
    try {
      if (args.requests && staging) {
        requestsFd = openSync(join(staging, "requests.csv"), "w");
        requests = lineWriter(requestsFd);
        requests.write(csvLine(REQUEST_COLUMNS));
      }
      const out = requests;
      const onRequestEnd = out
        ? (r: RequestRecord) =>
            out.write(
              csvLine([
                r.policy,
                r.id,
                r.functionId,
                r.arrivalS,
                r.startS,
                r.endS,
                r.endS - r.arrivalS,
                r.outcome,
                r.instanceType,
                r.instanceId < 0 ? "" : r.instanceId,
                r.cold,
              ]),
            )
        : undefined;
      const bar = progressBar(process.stderr);
      const onProgress = (done: number, total: number, label: string, f: number) => {
        const line = `job ${Math.min(done + 1, total)}/${total}: ${label}`;
        if (done < total) bar.update((done + f) / total, line);
        else bar.done(line);
      };
      const { report, timeseries, skippedRows } = await runScenario(scenario, {
        ...(args.seed !== undefined ? { seed: args.seed } : {}),
        ...(args.policy ? { policies: args.policy } : {}),
        ...(onRequestEnd ? { sinks: { onRequestEnd } } : {}),
        ...(process.stderr.isTTY ? { onProgress } : {}),
      });
      process.stdout.write(
        runText(report, { slaTarget: scenario.slaTarget, explain: args.explain }),
      );
      if (skippedRows > 0)
        process.stderr.write(`skipped ${skippedRows} bad trace rows (lenient)\n`);
      if (staging && args.out) {
        requests?.flush();
        if (requestsFd >= 0) closeSync(requestsFd);
        requestsFd = -1;
        writeFileSync(join(staging, "summary.json"), summaryJson(report));
        writeFileSync(join(staging, "summary.csv"), summaryCsv(report));
        writeFileSync(join(staging, "timeseries.csv"), timeseriesCsv(timeseries));
        const files = [
          "summary.json",
          "summary.csv",
          "timeseries.csv",
          ...(requests ? ["requests.csv"] : []),
        ];
        for (const f of files) renameSync(join(staging, f), join(args.out, f));
        process.stderr.write(`wrote ${files.map((f) => join(args.out!, f)).join(", ")}\n`);
      }
    } finally {
      if (requestsFd >= 0) closeSync(requestsFd);
      if (staging) rmSync(staging, { recursive: true, force: true });
    }
  },
};
