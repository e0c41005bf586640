import { writeFileSync } from "node:fs";
import type { CommandModule } from "yargs";
import { loadAndValidate } from "../../run/pipeline.js";
import { trainModel } from "../../run/train-model.js";
import { parseCount, parseSeed } from "../arguments.js";

interface Args {
  scenario: string;
  policy: string;
  out: string;
  seed?: number;
  rounds?: number;
}

export const trainCommand: CommandModule<object, Args> = {
  command: "train <scenario>",
  describe:
    "run one policy of a scenario and train the resource predictor (ml-predictive's model) on what its requests measured",
  builder: (y) =>
    y
      .positional("scenario", {
        type: "string",
        demandOption: true,
        describe: "scenario YAML file",
      })
      .option("policy", {
        type: "string",
        demandOption: true,
        describe: "the policy (label or name) whose run gives the history",
      })
      .option("out", { type: "string", demandOption: true, describe: "model JSON file to write" })
      .option("seed", {
        type: "string",
        coerce: parseSeed,
        describe: "override the scenario's seed (train on another run than the one evaluated)",
      })
      .option("rounds", {
        type: "string",
        coerce: (v: unknown) => Math.round(parseCount("--rounds", v)),
        describe: "boosting rounds per quantile",
      }) as never,
  handler: async (args) => {
    const s = loadAndValidate(args.scenario, args.seed === undefined ? {} : { seed: args.seed });
    const { model, observations } = await trainModel(
      s,
      args.policy,
      args.rounds === undefined ? {} : { rounds: args.rounds },
    );
    const text = JSON.stringify(model.toJSON());
    writeFileSync(args.out, `${text}\n`);
    process.stdout.write(
      `${args.out}: trained on ${observations} requests, ${(text.length / 1024).toFixed(1)} KiB\n`,
    );
  },
};
