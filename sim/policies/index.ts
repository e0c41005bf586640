/**
 * `provisim/policies`: the policies as a library, the very files the
 * simulator runs, with the plain types they see and return, the fleet
 * over JSON, and the decision pieces they are built from.
 */
export type * from "./types.js";
export { fleetFromData, fleetToData, type FleetData, type PoolData } from "./fleet-data.js";
export { allPolicies, findPolicy, policyNames } from "./registry.js";
export { staticPolicy, type StaticConfig } from "./static.js";
export { reactivePolicy, type ReactiveConfig } from "./reactive.js";
export { kedaPolicy, type KedaConfig } from "./keda.js";
export { hybridHistogramPolicy, type HybridHistogramConfig } from "./hybrid-histogram.js";
export { mlPredictivePolicy, type MlPredictiveConfig } from "./ml-predictive/index.js";
export { keepAlive } from "./pieces/keep-alive.js";
export { releaseOrder } from "./pieces/release-order.js";
export { markOf, utilizationSince, type UtilizationMark } from "./pieces/utilization-window.js";
export { topUpWarmPool } from "./pieces/warm-pool.js";
export { chooseInstance } from "./pieces/routing/choose.js";
