/** ml-predictive's trained predictor: its config's `model`, built once (pieces/resource-model.ts). */
import type { ResourcePredictor } from "../../predict/resource-predictor.js";
import { resourceModel } from "../pieces/resource-model.js";
import type { MlPredictiveConfig } from "./config.js";

export function predictorOf(c: MlPredictiveConfig): ResourcePredictor | null {
  return resourceModel("ml-predictive", c.model);
}
