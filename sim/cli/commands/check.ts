import type { CommandModule } from "yargs";
import { regressions } from "../../../reports/bounds/check.js";
import { checkText } from "../../../reports/bounds/check-text.js";
import { mismatchMessage } from "../../../reports/bounds/messages.js";
import { checkScenarioBounds } from "../../run/bounds.js";
import { UsageError } from "../../run/usage-error.js";
import { readBoundsFile } from "../bounds-io.js";
import { cliRunOptions } from "../run-options.js";

interface Args {
  scenario: string;
  bounds: string;
}

export const checkCommand: CommandModule<object, Args> = {
  command: "check <scenario>",
  describe:
    "run a scenario and check every policy against its bounds: exit 1 if one got worse, 0 if not",
  builder: (y) =>
    y
      .positional("scenario", {
        type: "string",
        demandOption: true,
        describe: "scenario YAML file",
      })
      .option("bounds", {
        type: "string",
        demandOption: true,
        describe: "bounds JSON file (written by sim bounds --update)",
      }),
  handler: async (args) => {
    const bounds = readBoundsFile(
      args.bounds,
      `write it with sim bounds --update ${args.scenario} --bounds ${args.bounds}`,
    );
    const result = await checkScenarioBounds(args.scenario, bounds, cliRunOptions());
    if (result.mismatches.length > 0)
      throw new UsageError(
        `${args.bounds}: ${result.mismatches.map((m) => mismatchMessage(result, m)).join("; ")}; rewrite it with sim bounds --update ${args.scenario} --bounds ${args.bounds}`,
      );
    process.stdout.write(checkText(result));
    if (regressions(result).length > 0) process.exitCode = 1;
  },
};
