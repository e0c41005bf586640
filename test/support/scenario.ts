import { stringify } from "yaml";
import { parseScenarioText } from "../../sim/scenario/load.js";
import { validateScenario, type NormalizedScenario } from "../../sim/scenario/validate.js";

/** A scenario from a plain object, through the same load and validate stages as a file. */
export function scenario(doc: Record<string, unknown>): NormalizedScenario {
  return validateScenario(parseScenarioText("test.yaml", stringify(doc)));
}

export const smallWorkload = {
  synth: {
    rate: "10/s",
    functions: 20,
    cpu: { exponential: { mean: "100ms" } },
    parallelFraction: 0,
  },
};
