export type { Sampler, UniformSource } from "./source.js";
export { RandomStreams } from "./streams.js";
export { MersenneTwister } from "./mt19937.js";
export { exponential } from "./distributions/exponential.js";
export { uniform } from "./distributions/uniform.js";
export { normal } from "./distributions/normal.js";
export {
  lognormal,
  lognormalFromMedianP95,
  lognormalFromMeanCv,
} from "./distributions/lognormal.js";
export { gamma } from "./distributions/gamma.js";
export { triangular } from "./distributions/triangular.js";
export { pareto } from "./distributions/pareto.js";
export { weibull } from "./distributions/weibull.js";
export {
  empiricalFromSamples,
  empiricalFromPercentiles,
  type PercentilePoint,
} from "./distributions/empirical.js";
export { samplerOf, meanOf, type DistSpec } from "./spec.js";
export { quantileOf, medianAndP95 } from "./quantile.js";
