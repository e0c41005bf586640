/**
 * Quantiles of a request's duration, CPU-seconds and peak memory from its
 * code features and input size: one quantile booster per resource, trained
 * on log values (resource use is positive and skewed; quantiles commute with
 * the log, so exp of a log quantile is the quantile).
 */
import type { CodeFeatures } from "../policies/types.js";
import { featureVector, numericKeys } from "./feature-vector.js";
import { QuantileGbdt, type GbdtJson, type GbdtOptions } from "./quantile-gbdt.js";

export const RESOURCES = ["durationS", "cpuSeconds", "peakMemMiB"] as const;
export type Resource = (typeof RESOURCES)[number];

export interface ResourceObservation {
  readonly features: CodeFeatures | null;
  readonly inputBytes: number;
  readonly durationS: number;
  readonly cpuSeconds: number;
  readonly peakMemMiB: number;
}

export interface ResourcePredictorJson {
  readonly kind: "resource-predictor";
  readonly keys: string[];
  readonly models: Record<Resource, GbdtJson>;
}

export type ResourceQuantiles = Record<Resource, number[]>;

/** Smallest value a log is taken of: a measured 0 (an instant request) stays finite. */
const FLOOR = 1e-9;

export class ResourcePredictor {
  private constructor(
    private readonly keys: string[],
    private readonly models: Record<Resource, QuantileGbdt>,
  ) {}

  static train(
    observations: readonly ResourceObservation[],
    options: Omit<GbdtOptions, "quantiles"> & { quantiles?: readonly number[] } = {},
  ): ResourcePredictor {
    if (observations.length === 0) throw new Error("ResourcePredictor.train: no observations");
    const keys = numericKeys(observations.map((o) => o.features));
    const x = observations.map((o) => featureVector(keys, o.features, o.inputBytes));
    const quantiles = options.quantiles ?? [0.5, 0.9];
    const models = {} as Record<Resource, QuantileGbdt>;
    RESOURCES.forEach((r, k) => {
      const y = observations.map((o, i) => {
        const v = o[r];
        if (!(Number.isFinite(v) && v >= 0))
          throw new Error(`ResourcePredictor.train: observation ${i} has ${r} = ${v}`);
        return Math.log(Math.max(v, FLOOR));
      });
      models[r] = QuantileGbdt.train(x, y, {
        ...options,
        quantiles,
        seed: (options.seed ?? 1) + k,
      });
    });
    return new ResourcePredictor(keys, models);
  }

  static fromJSON(value: unknown): ResourcePredictor {
    const v = value as Partial<ResourcePredictorJson> | null;
    if (
      v === null ||
      typeof v !== "object" ||
      v.kind !== "resource-predictor" ||
      !Array.isArray(v.keys) ||
      !v.models
    )
      throw new Error('ResourcePredictor.fromJSON: not a "resource-predictor" model');
    const models = {} as Record<Resource, QuantileGbdt>;
    for (const r of RESOURCES) {
      const m = QuantileGbdt.fromJSON(v.models[r]);
      if (m.toJSON().features !== v.keys.length + 1)
        throw new Error(
          `ResourcePredictor.fromJSON: the ${r} model's features do not match the keys`,
        );
      models[r] = m;
    }
    return new ResourcePredictor(v.keys.slice(), models);
  }

  toJSON(): ResourcePredictorJson {
    const models = {} as Record<Resource, GbdtJson>;
    for (const r of RESOURCES) models[r] = this.models[r].toJSON();
    return { kind: "resource-predictor", keys: this.keys.slice(), models };
  }

  get quantiles(): number[] {
    return this.models.durationS.quantiles;
  }

  /** Predicted quantiles (in the trained order) of each resource. */
  predict(features: CodeFeatures | null, inputBytes: number): ResourceQuantiles {
    const x = featureVector(this.keys, features, inputBytes);
    const out = {} as ResourceQuantiles;
    for (const r of RESOURCES) out[r] = this.models[r].predict(x).map(Math.exp);
    return out;
  }
}
