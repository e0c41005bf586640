/** The complexity-table policy's configuration (seed 000): its score table, fleet, grants and upgrades. */
import { z } from "zod";
import { duration } from "../../units/fields.js";

/** One row: scores from `from` up (to the next row's `from`) run in `profile`. */
const row = z.strictObject({ from: z.number().min(0), profile: z.string().min(1) });

/** Seed 000's example table: 0-10 Small, 11-25 Medium, 26-50 Large, 51+ Extreme. */
export const SEED_TABLE = [
  { from: 0, profile: "Small" },
  { from: 11, profile: "Medium" },
  { from: 26, profile: "Large" },
  { from: 51, profile: "Extreme" },
];

export const complexityTableConfig = z.strictObject({
  /** The VM type (or container capacity, e.g. `fargate`) profile allocations are packed on. */
  type: z.string(),
  minInstances: z.int().nonnegative().default(1),
  maxInstances: z.int().positive().default(100),
  /** Allocations one instance runs at once, at most. */
  concurrency: z.int().positive().default(32),
  /** Rows in increasing `from`; a score below the first row's takes the first row's profile. */
  table: z
    .array(row)
    .min(1)
    .default(SEED_TABLE)
    .refine((t) => t.every((r, i) => i === 0 || r.from > t[i - 1]!.from), {
      message: "rows must be in increasing `from`",
    }),
  /**
   * The code feature the table reads: seed 000's own score by default (the
   * analyzer's sum of cyclomatic complexity, twice the nesting, collections,
   * growth in loops and external dependencies, on the 0-10/11-25/26-50/51+
   * scale of the seed's table), or another, e.g. the 0-100 `complexityScore`.
   */
  scoreFeature: z.string().min(1).default("seed000Score"),
  /** The profile of a request whose code has no such score. */
  unscored: z.string().default("Medium"),
  /**
   * Profiles a client may ask for (seed 000's API); absent: any profile of
   * the scenario. A request for another, or one no instance could hold, is
   * served by the table.
   */
  grantable: z.array(z.string()).optional(),
  /** Seconds of execution between usage samples (runtime re-evaluation). */
  sampleEvery: duration().prefault("1s"),
  /** How an upgrade moves the request: keep its work (migrate) or start it again. */
  upgradeMode: z.enum(["migrate", "restart"]).default("migrate"),
  /** Memory in use at this share of the limit, and rising since the last sample, triggers an upgrade. */
  memoryNear: z.number().gt(0).lte(1).default(0.85),
  /**
   * Seconds a request is expected to run in each profile (by name); running
   * longer triggers an upgrade. Profiles not named have no time limit.
   */
  expectedSeconds: z.record(z.string(), z.number().positive()).default({}),
  /** At most this many upgrades per request. */
  maxUpgrades: z.int().nonnegative().default(2),
  /**
   * How the pool's line is served: in arrival order, or `backfill`, where an
   * allocation that fits starts ahead of a larger one waiting for room (as
   * the Kubernetes scheduler tries each pending pod).
   */
  line: z.enum(["in-order", "backfill"]).default("in-order"),
  /** An instance idle this long is released, down to `minInstances`. */
  scaleDownAfter: duration().prefault("10m"),
});

export type ComplexityTableConfig = z.output<typeof complexityTableConfig>;
