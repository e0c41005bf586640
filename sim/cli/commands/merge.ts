import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { CommandModule } from "yargs";
import { sweepText } from "../../../reports/sweep-report.js";
import { mergeShards, type ShardInput } from "../../run/merge-shards.js";
import { writeMerged } from "../../run/sweep-pipeline.js";
import { UsageError } from "../../run/usage-error.js";

interface Args {
  dirs: string[];
  out?: string;
}

/** A shard directory's shard.json, parsed. */
function readShard(dir: string): ShardInput {
  let text: string;
  try {
    text = readFileSync(join(dir, "shard.json"), "utf8");
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new UsageError(
      code === "ENOENT"
        ? `${dir}: no shard.json (is it the --out of sim run --shard i/n?)`
        : `${dir}/shard.json cannot be read (${code})`,
    );
  }
  try {
    return { dir, data: JSON.parse(text) };
  } catch {
    throw new UsageError(`${dir}/shard.json is not JSON (cut short?)`);
  }
}

export const mergeCommand: CommandModule<object, Args> = {
  command: "merge <dirs..>",
  describe: "combine the shard directories of one sweep into the report of the unsharded run",
  builder: (y) =>
    y
      .positional("dirs", {
        type: "string",
        array: true,
        demandOption: true,
        describe: "shard directories (each the --out of sim run --shard i/n)",
      })
      .option("out", {
        type: "string",
        describe: "write sweep.json, sweep.csv and run.json here, as the unsharded run would",
      }),
  handler: (args) => {
    const { frame, outcomes } = mergeShards(args.dirs.map(readShard));
    const merged = writeMerged(frame, outcomes, args.out);
    process.stdout.write(sweepText(merged.report));
    for (const f of merged.failures) process.stderr.write(`sim: failed: ${f}\n`);
    if (args.out && merged.written.length > 0)
      process.stderr.write(`wrote ${merged.written.map((f) => join(args.out!, f)).join(", ")}\n`);
    if (merged.failures.length > 0) process.exitCode = 1;
  },
};
