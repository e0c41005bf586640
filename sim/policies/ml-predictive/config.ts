/** The `ml-predictive` policy's config (seeds 001 and 002). */
import { z } from "zod";
import { duration } from "../../units/fields.js";

const pool = (concurrency: number, initial: number) =>
  z.strictObject({
    type: z.string(),
    /** Requests one instance serves at once. */
    concurrency: z.int().positive().default(concurrency),
    /** Instances running when the run starts. */
    initial: z.int().nonnegative().default(initial),
    minInstances: z.int().nonnegative().default(0),
    maxInstances: z.int().positive().default(50),
  });

export const mlPredictiveConfig = z.strictObject({
  /**
   * The trained resource predictor (`sim train`): a JSON file's path,
   * relative to the scenario, or the model itself. Without one the policy
   * starts cold and learns from completions alone.
   */
  model: z
    .union([
      z.string().min(1),
      z.looseObject({ kind: z.literal("resource-predictor") }).describe("a resource predictor"),
    ])
    .optional(),
  /** The lightweight warm pool (cheap instances for low-complexity work). */
  light: pool(8, 2),
  /** The heavyweight warm pool (more memory per slot for complex work). */
  heavy: pool(8, 1),
  /** Predicted CPU-seconds that score 0 and 100 (log scale between). */
  scoreRange: z
    .strictObject({
      low: z.number().positive().default(0.05),
      high: z.number().positive().default(30),
    })
    .prefault({}),
  /** Rolling-average score levels (Low below medium, High from high). */
  thresholds: z
    .strictObject({
      medium: z.number().min(0).max(100).default(33),
      high: z.number().min(0).max(100).default(66),
    })
    .prefault({}),
  /** Requests in the rolling average of scores (an exponential average of this span). */
  rollingSpan: z.int().positive().default(200),
  /** Instances each pool may gain per tick, by the rolling average's level. */
  addRate: z
    .strictObject({
      low: z.int().nonnegative().default(1),
      medium: z.int().nonnegative().default(2),
      high: z.int().nonnegative().default(4),
    })
    .prefault({}),
  /** A request with this score or more goes to the heavyweight pool. */
  heavyScore: z.number().min(0).max(100).default(80),
  /** Headroom on the forecast demand when sizing the pools. */
  headroom: z.number().min(1).default(1.25),
  tick: duration().prefault("15s"),
  /** Holt-Winters (additive) per complexity class over ticks: season in ticks, smoothing constants. */
  forecast: z
    .strictObject({
      period: z.int().min(2).default(8),
      alpha: z.number().min(0).max(1).default(0.5),
      beta: z.number().min(0).max(1).default(0.05),
      gamma: z.number().min(0).max(1).default(0.1),
      /** Ticks ahead the pools are sized for (boot time over the tick, at least). */
      lead: z.int().positive().default(4),
    })
    .prefault({}),
  /** Programs (code id and version) whose learned correction is kept; the least recent goes first. */
  maxPrograms: z.int().positive().default(128),
  /** Weight an old observation keeps per new one of its program (forgetting). */
  decay: z.number().gt(0).lte(1).default(0.98),
  /** Prior observations' weight when a program's correction is still new. */
  priorWeight: z.number().positive().default(2),
});

export type MlPredictiveConfig = z.output<typeof mlPredictiveConfig>;
