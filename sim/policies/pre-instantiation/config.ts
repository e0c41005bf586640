/**
 * The configuration of `pre-instantiation` (seed 002): the table from a
 * notice's code features to a resource profile, the VM type each profile
 * runs on, and the monitoring rule of the first seconds of execution.
 */
import { z } from "zod";
import { duration } from "../../units/fields.js";

/** One row of the profile table: every field it gives must match; the first row that matches wins. */
const rule = z.strictObject({
  /** The algorithm type: the first folder of the code's path (`linalg/lu.go` is `linalg`). */
  algorithm: z.string().min(1).optional(),
  language: z.string().min(1).optional(),
  /** The analyzer's complexity score, at least / below. */
  minScore: z.number().optional(),
  belowScore: z.number().optional(),
  /**
   * Numeric code features at least these values, by name: e.g. `{ iops: 100 }`
   * for code the analyzer finds doing file or database IO.
   */
  atLeast: z.record(z.string().min(1), z.number()).optional(),
  profile: z.string().min(1),
});

export type ProfileRule = z.output<typeof rule>;

/**
 * By default, parallel numeric work (linear algebra, images, GPU kernels)
 * gets seed 002's Medium profile and everything else its Low one: in the
 * bundled code corpus those three folders hold the programs whose work is
 * both the largest and the most parallel (traces/code/manifest.json).
 */
const DEFAULT_RULES: ProfileRule[] = [
  { algorithm: "linalg", profile: "MediumComplexity" },
  { algorithm: "image", profile: "MediumComplexity" },
  { algorithm: "gpu", profile: "MediumComplexity" },
];

/** The cheapest catalog VM with room for each seed 002 profile (and for 1.5x its memory). */
const DEFAULT_TYPES: Record<string, string> = {
  LowComplexity: "t3.medium",
  MediumComplexity: "m5.xlarge",
  HighComplexity: "g4dn.2xlarge",
};

export const preInstantiationConfig = z
  .strictObject({
    rules: z.array(rule).default(DEFAULT_RULES),
    /** The profile of code no rule matches, and of requests with no features. */
    defaultProfile: z.string().min(1).default("LowComplexity"),
    /** The VM type each profile runs on, one request per VM. */
    types: z.record(z.string(), z.string().min(1)).default(DEFAULT_TYPES),
    /** Use above this multiple of the prediction is a deviation (the seed's 1.2). */
    trigger: z.number().gt(1).default(1.2),
    /** A deviating resource is scaled to this multiple of the prediction (the seed's 1.5). */
    scale: z.number().gt(1).default(1.5),
    /**
     * CPU and network use cannot exceed their allocation: a sample interval
     * used at this share of it or more counts as throttled, the sign that
     * the demand exceeds the prediction.
     */
    saturation: z.number().gt(0).lte(1).default(0.95),
    /** The memory limit, as a multiple of the predicted memory: above `trigger`, so a deviation shows before the limit. */
    memoryLimit: z.number().gt(1).default(1.3),
    /** How long execution is watched, and how often it is sampled. */
    window: duration().pipe(z.number().positive()).prefault("30s"),
    sample: duration().pipe(z.number().positive()).prefault("2s"),
    /** An idle VM is kept this long for requests that came without a notice, then released. */
    keepAlive: duration().prefault("0s"),
    /**
     * A trained resource predictor (`sim train`; a JSON file's path relative
     * to the scenario, or the model itself): for code no rule matches, the
     * profile is the cheapest that holds what it predicts
     * (pre-instantiation/learned-profile.ts) rather than `defaultProfile`.
     */
    model: z
      .union([
        z.string().min(1),
        z.looseObject({ kind: z.literal("resource-predictor") }).describe("a resource predictor"),
      ])
      .optional(),
    /**
     * The predicted quantile a profile must hold (the first of the model's at
     * or above it): the median by default, since the monitor scales a request
     * that outgrows its prediction in place.
     */
    modelQuantile: z.number().gt(0).lt(1).default(0.5),
    /** The predicted CPU-seconds must run within this on the profile's vCPU. */
    modelTarget: duration().pipe(z.number().positive()).prefault("20s"),
  })
  .superRefine((c, ctx) => {
    const named = new Set([c.defaultProfile, ...c.rules.map((r) => r.profile)]);
    for (const p of named)
      if (c.types[p] === undefined)
        ctx.addIssue({ code: "custom", path: ["types"], message: `no VM type for profile "${p}"` });
    if (c.memoryLimit <= c.trigger)
      ctx.addIssue({
        code: "custom",
        path: ["memoryLimit"],
        message: `must exceed trigger (${c.trigger}): memory use above the trigger must fit under the limit`,
      });
  });

export type PreInstantiationConfig = z.output<typeof preInstantiationConfig>;
