import { readFileSync } from "node:fs";
import yargs from "yargs";
import { hideBin } from "yargs/helpers";

const pkg = JSON.parse(readFileSync(new URL("../../../package.json", import.meta.url), "utf8")) as {
  version: string;
};

await yargs(hideBin(process.argv))
  .scriptName("sim")
  .usage("$0 <command> [options]\n\nDiscrete-event simulator and capacity-planning workbench.")
  .version(pkg.version)
  .demandCommand(1, "Name a command; `sim --help` lists them.")
  .strict()
  .help()
  .parseAsync();
