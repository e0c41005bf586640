export { mlPredictivePolicy } from "./policy.js";
export { mlPredictiveConfig, type MlPredictiveConfig } from "./config.js";
