/**
 * The `plan:` section, read by `sim plan`: the SLA a configuration must meet
 * with 95% confidence, the space searched for the cheapest one (instance
 * types, fleet sizes, policy parameters by path), and what the search may
 * spend.
 */
import { z } from "zod";
import { duration } from "../units/fields.js";

/** Values to try: a list, or a range from min to max by step. */
const values = z.union([
  z.array(z.unknown()).min(1, "list at least one value"),
  z
    .strictObject({
      min: z.number(),
      max: z.number(),
      step: z.number().positive().default(1),
    })
    .refine((r) => r.max >= r.min, "max must be at least min"),
]);

const instanceCounts = z.union([
  z.array(z.int().positive()).min(1, "list at least one size"),
  z
    .strictObject({
      min: z.int().positive(),
      max: z.int().positive(),
      step: z.int().positive().default(1),
    })
    .refine((r) => r.max >= r.min, "max must be at least min"),
]);

export const planSchema = z.strictObject({
  /** The policy entry (label or policy name) the planner configures; the first one when absent. */
  policy: z.string().min(1).optional(),
  /** Instance types to try: the type of a fixed fleet (config.fleet), or config.type. */
  types: z.array(z.string().min(1)).min(1).optional(),
  /** Sizes of a fixed fleet (config.fleet) to try. */
  instances: instanceCounts.optional(),
  /**
   * Policy parameters to try, by path inside the entry's config
   * (`targetUtilization`, `fleet[m5.large]`); values as the config takes them.
   */
  parameters: z.record(z.string().min(1), values).default({}),
  /** What a configuration must meet; attainment defaults to sla.attainment. */
  sla: z
    .strictObject({
      /** Share of ended requests within sla.latency, at least. */
      attainment: z.number().gt(0).lte(1).optional(),
      /** 99th-percentile latency, at most. */
      p99: duration().pipe(z.number().positive()).optional(),
      /** Cold starts per completed request, at most. */
      coldStartRatio: z.number().min(0).max(1).optional(),
      /** Mean time a request waits in the queue, at most. */
      meanQueueWait: duration().pipe(z.number().positive()).optional(),
    })
    .prefault({}),
  /** Simulation runs the whole search may spend. */
  budget: z.int().positive().default(200),
  replications: z
    .strictObject({
      /** Runs of every candidate before any is judged (an interval needs two). */
      initial: z.int().min(2).default(3),
      /** Runs of one candidate at most; one still straddling the SLA line then is undecided. */
      max: z.int().min(2).default(30),
    })
    .refine((r) => r.max >= r.initial, "max must be at least initial")
    .prefault({}),
  /** Configurations to report after the winner. */
  runnersUp: z.int().nonnegative().default(3),
});

export type PlanSection = z.output<typeof planSchema>;
