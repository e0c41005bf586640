/**
 * A config's trained resource predictor (`sim train`), built once per model
 * JSON (a memo of a pure function: the same JSON gives the same predictor),
 * so no hook parses the model again and no state carries it.
 */
import { ResourcePredictor } from "../../predict/resource-predictor.js";

const built = new WeakMap<object, ResourcePredictor>();

/** `policy` names the owner in the error a path (not yet loaded) gives. */
export function resourceModel(
  policy: string,
  model: object | string | undefined,
): ResourcePredictor | null {
  if (model === undefined) return null;
  if (typeof model === "string")
    throw new Error(
      `${policy}: model "${model}" is a path; a scenario or serve config loads it (configFiles)`,
    );
  let p = built.get(model);
  if (!p) {
    p = ResourcePredictor.fromJSON(model);
    built.set(model, p);
  }
  return p;
}
