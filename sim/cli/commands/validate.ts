import type { CommandModule } from "yargs";
import { beyondLimit, describeExpected, expectedRequests } from "../../run/expected-requests.js";
import { expandPlan } from "../../run/plan/plan-pipeline.js";
import { loadSweep } from "../../run/sweep-pipeline.js";

export const validateCommand: CommandModule<object, { scenario: string }> = {
  command: "validate <scenario>",
  describe: "check a scenario file and report every problem with its line",
  builder: (y) =>
    y.positional("scenario", {
      type: "string",
      demandOption: true,
      describe: "scenario YAML file",
    }),
  handler: (args) => {
    const { base: s, points } = loadSweep(args.scenario);
    // A plan's candidates are scenarios too: each is checked as `sim plan` would.
    const candidates = s.plan ? expandPlan(args.scenario).candidates.length : 0;
    const expected = expectedRequests(s);
    const sweep = points.length === 0 ? "" : `, a sweep of ${points.length} points`;
    process.stdout.write(
      `${args.scenario}: valid (${s.policies.length} ${s.policies.length === 1 ? "policy" : "policies"}, ${s.replications} replication${s.replications === 1 ? "" : "s"}${sweep})\n${describeExpected(expected)}\n`,
    );
    if (s.plan)
      process.stdout.write(`plan: ${candidates} candidates, a budget of ${s.plan.budget} runs\n`);
    const beyond = beyondLimit(s, expected);
    if (beyond !== undefined) process.stderr.write(`sim run would refuse it: ${beyond}\n`);
  },
};
