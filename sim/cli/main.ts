import yargs from "yargs";
import { hideBin } from "yargs/helpers";
import { provisimVersion } from "../../reports/provisim-version.js";
import { InvariantError } from "../model/invariants.js";
import { UsageError } from "../run/usage-error.js";
import { formatIssue, ScenarioError } from "../scenario/issues.js";
import { OutputError } from "../../traces/output-path.js";
import { TraceError } from "../../traces/reader.js";
import { analyzeCommand } from "./commands/analyze.js";
import { boundsCommand } from "./commands/bounds.js";
import { checkCommand } from "./commands/check.js";
import { compareCommand } from "./commands/compare.js";
import { deployCommand } from "./commands/deploy.js";
import { mergeCommand } from "./commands/merge.js";
import { planCommand } from "./commands/plan.js";
import { runCommand } from "./commands/run.js";
import { schemaCommand } from "./commands/schema.js";
import { serveCommand } from "./commands/serve.js";
import { trainCommand } from "./commands/train.js";
import { commandName, TRACE_COMMANDS, traceCommand } from "./commands/trace.js";
import { validateCommand } from "./commands/validate.js";
import { viewCommand } from "./commands/view.js";
import { Interrupted } from "./interrupt.js";
import { showsProgress } from "./progress.js";

const commands = [
  runCommand,
  planCommand,
  validateCommand,
  schemaCommand,
  traceCommand,
  analyzeCommand,
  compareCommand,
  checkCommand,
  boundsCommand,
  serveCommand,
  viewCommand,
  mergeCommand,
  deployCommand,
  trainCommand,
];

/** Commands by name, with the names of their subcommands, as deep as they go. */
const COMMAND_TREE: Readonly<Record<string, Readonly<Record<string, readonly string[]>>>> = {
  ...Object.fromEntries(commands.map((c) => [commandName(c), {}])),
  [commandName(traceCommand)]: TRACE_COMMANDS,
};

/**
 * A command word that names no command, checked before yargs sees it: with
 * `--help`, yargs would print the global help and exit 0 for `sim nonsense`.
 */
function unknownCommand(argv: readonly string[]): string | undefined {
  const words: string[] = [];
  for (const a of argv) {
    if (a.startsWith("-")) break;
    words.push(a);
  }
  const [top, sub, leaf] = words;
  if (top === undefined) return undefined;
  const subs = COMMAND_TREE[top];
  if (!subs)
    return `unknown command "${top}"; the commands are ${Object.keys(COMMAND_TREE).join(", ")}`;
  if (Object.keys(subs).length === 0 || sub === undefined) return undefined;
  const leaves = subs[sub];
  if (!leaves)
    return `unknown command "${top} ${sub}"; \`sim ${top}\` has ${Object.keys(subs).join(", ")}`;
  if (leaves.length === 0 || leaf === undefined || leaves.includes(leaf)) return undefined;
  return `unknown command "${top} ${sub} ${leaf}"; \`sim ${top} ${sub}\` has ${leaves.join(", ")}`;
}

/** `\r` and erase-line when a progress bar may be drawn, so a message takes its line. */
function clearBar(): string {
  return showsProgress(process.stderr) ? "\r\x1b[K" : "";
}

function fail(message: string): never {
  process.stderr.write(`${clearBar()}sim: ${message}\n`);
  process.exit(2);
}

try {
  const argv = hideBin(process.argv);
  const unknown = unknownCommand(argv);
  if (unknown) fail(`${unknown} (sim --help lists them)`);
  await commands
    .reduce((y, c) => y.command(c as never), yargs(argv))
    .scriptName("sim")
    .usage("$0 <command> [options]\n\nDiscrete-event simulator and capacity-planning workbench.")
    .version(provisimVersion())
    .demandCommand(1, "Name a command; `sim --help` lists them.")
    .strict()
    .help()
    .fail((msg, err) => {
      // yargs's own complaint (a missing argument, an unknown option): one line, no help text.
      if (err && err.name !== "YError") throw err;
      fail(`${msg ?? err?.message} (add --help for the options)`);
    })
    .parseAsync();
} catch (e) {
  if (e instanceof Interrupted) {
    process.stderr.write(`${clearBar()}sim: ${e.message}; partial output removed\n`);
    process.exit(e.exitCode);
  }
  if (e instanceof ScenarioError) {
    process.stderr.write(clearBar());
    for (const issue of e.issues) process.stderr.write(`${formatIssue(issue)}\n`);
    process.stderr.write(`${e.issues.length} problem${e.issues.length === 1 ? "" : "s"} found\n`);
    process.exit(2);
  }
  if (e instanceof OutputError) fail(`--out ${e.message}`);
  if (e instanceof TraceError || e instanceof UsageError) fail(e.message);
  if (e instanceof InvariantError) {
    process.stderr.write(`${clearBar()}sim: invariant violated, the run is wrong: ${e.message}\n`);
    process.exit(3);
  }
  throw e;
}
