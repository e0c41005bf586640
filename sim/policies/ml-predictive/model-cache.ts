/**
 * The trained predictor of a config, built once per model JSON (a memo of a
 * pure function: the same JSON gives the same predictor), so no hook parses
 * the model again and no state carries it.
 */
import { ResourcePredictor } from "../../predict/resource-predictor.js";
import type { MlPredictiveConfig } from "./config.js";

const built = new WeakMap<object, ResourcePredictor>();

export function predictorOf(c: MlPredictiveConfig): ResourcePredictor | null {
  const m = c.model;
  if (m === undefined) return null;
  if (typeof m === "string")
    throw new Error(
      `ml-predictive: model "${m}" is a path; a scenario or serve config loads it (configFiles)`,
    );
  let p = built.get(m);
  if (!p) {
    p = ResourcePredictor.fromJSON(m);
    built.set(m, p);
  }
  return p;
}
