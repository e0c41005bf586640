import { readFileSync } from "node:fs";
import yargs from "yargs";
import { hideBin } from "yargs/helpers";
import { InvariantError } from "../model/invariants.js";
import { formatIssue, ScenarioError } from "../scenario/issues.js";
import { analyzeCommand } from "./commands/analyze.js";
import { runCommand } from "./commands/run.js";
import { schemaCommand } from "./commands/schema.js";
import { traceCommand } from "./commands/trace.js";
import { TraceError } from "../../traces/reader.js";
import { validateCommand } from "./commands/validate.js";
import { UsageError } from "./pipeline.js";

const pkg = JSON.parse(readFileSync(new URL("../../../package.json", import.meta.url), "utf8")) as {
  version: string;
};

try {
  await yargs(hideBin(process.argv))
    .scriptName("sim")
    .usage("$0 <command> [options]\n\nDiscrete-event simulator and capacity-planning workbench.")
    .command(runCommand)
    .command(validateCommand)
    .command(schemaCommand)
    .command(traceCommand)
    .command(analyzeCommand)
    .version(pkg.version)
    .demandCommand(1, "Name a command; `sim --help` lists them.")
    .strict()
    .help()
    .fail((msg, err, y) => {
      if (err) throw err;
      process.stderr.write(`${y.help()}\n\n${msg}\n`);
      process.exit(2);
    })
    .parseAsync();
} catch (e) {
  if (e instanceof ScenarioError) {
    for (const issue of e.issues) process.stderr.write(`${formatIssue(issue)}\n`);
    process.stderr.write(`${e.issues.length} problem${e.issues.length === 1 ? "" : "s"} found\n`);
    process.exit(2);
  }
  if (e instanceof TraceError) {
    process.stderr.write(`sim: ${e.message}\n`);
    process.exit(2);
  }
  if (e instanceof UsageError) {
    process.stderr.write(`sim: ${e.message}\n`);
    process.exit(2);
  }
  if (e instanceof InvariantError) {
    process.stderr.write(`sim: invariant violated, the run is wrong: ${e.message}\n`);
    process.exit(3);
  }
  throw e;
}
