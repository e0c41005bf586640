/**
 * The learning library policies use in the simulator and in production:
 * pure, deterministic given seed and state, every state plain JSON.
 * ARIMA is imported from ./arima.js directly: it instantiates WebAssembly on
 * load, which only its users should pay for.
 */
export { QuantileGbdt, type GbdtJson, type GbdtOptions } from "./quantile-gbdt.js";
export {
  ResourcePredictor,
  RESOURCES,
  type Resource,
  type ResourceObservation,
  type ResourcePredictorJson,
  type ResourceQuantiles,
} from "./resource-predictor.js";
export { bigOExponent, featureVector, numericKeys } from "./feature-vector.js";
export {
  HoltWinters,
  type HoltWintersJson,
  type Seasonality,
  type SmoothingParams,
} from "./holt-winters.js";
export { LinUcb, type LinUcbJson } from "./linucb.js";
export { LinearThompson, type LinearThompsonJson } from "./linear-thompson.js";
export { nelderMead, type Minimum } from "./nelder-mead.js";
export { meanPinball, pinball, sampleQuantile } from "./pinball.js";
export { Seeded } from "./seeded.js";
