/**
 * The scenario format: one zod schema, the single source of truth for the
 * TypeScript types and for the JSON Schema `sim schema` prints.
 */
import { z } from "zod";
import { distribution, duration, factorDistribution, rate, size, usd } from "../units/fields.js";
import { planSchema } from "./plan-schema.js";
import { policyEntriesSchema } from "./policy-entry.js";

const billing = z.discriminatedUnion("kind", [
  z.strictObject({ kind: z.literal("per-second"), minimum: duration().prefault("60s") }),
  z.strictObject({ kind: z.literal("hourly") }),
  z.strictObject({
    kind: z.literal("per-allocation"),
    minimum: duration().prefault("60s"),
    usdPerVcpuHour: usd(),
    usdPerGbHour: usd(),
  }),
  z.strictObject({
    kind: z.literal("per-request"),
    increment: duration().prefault("1ms"),
    usdPerGbSecond: usd(),
    usdPerMillionRequests: usd(),
  }),
]);

/** An instance type to add, or fields of a default one to override. */
export const instanceTypeSchema = z.strictObject({
  kind: z.enum(["vm", "faas"]).optional(),
  vcpu: z.number().positive().optional(),
  memory: size().optional(),
  gpus: z.int().nonnegative().optional(),
  gpuModel: z.string().optional(),
  /** Baseline network bandwidth in Mbps (a new type without one gets 1000). */
  networkMbps: z.number().positive().optional(),
  usdPerHour: usd().optional(),
  billing: billing.optional(),
  boot: distribution(duration).optional(),
  /** Time an in-place change to this type takes. */
  resize: distribution(duration).optional(),
  /** Time an in-place change to an allocation on this type takes. */
  allocationResize: distribution(duration).optional(),
  source: z.string().optional(),
  asOf: z.string().optional(),
});

/** A resource profile: an allocation's limits and how it is priced (default: AWS Fargate's rates). */
export const profileSchema = z.strictObject({
  vcpu: z.number().positive(),
  memory: size().pipe(z.number().positive()),
  gpus: z.number().nonnegative().default(0),
  /** Bandwidth in Mbps; 0 for none of its own (the instance's). */
  networkMbps: z.number().nonnegative().default(0),
  price: z
    .union([
      z.strictObject({
        container: z.strictObject({
          usdPerVcpuHour: usd(),
          usdPerGbHour: usd(),
          minimum: duration().prefault("60s"),
        }),
      }),
      /** Its dominant share of this catalog type's price. */
      z.strictObject({ vmShare: z.string().min(1) }),
    ])
    .optional(),
});

const pattern = z.union([
  z.literal("poisson"),
  z.strictObject({
    diurnal: z.strictObject({
      amplitude: z.number().min(0).max(1),
      period: duration().pipe(z.number().positive()).prefault("24h"),
      /** Time of day (within the period) of the peak. */
      peak: duration().prefault("14h"),
      /** Log-normal noise on the rate, re-drawn every noiseStep. */
      noise: z.number().nonnegative().default(0),
      noiseStep: duration().pipe(z.number().positive()).prefault("5m"),
    }),
  }),
  z.strictObject({
    bursty: z.strictObject({
      burstRate: rate(),
      meanOn: duration().pipe(z.number().positive()),
      meanOff: duration().pipe(z.number().positive()),
    }),
  }),
]);

const synth = z.strictObject({
  /** Mean arrival rate (the base rate outside bursts, for a bursty pattern). */
  rate: rate(),
  pattern: pattern.default("poisson"),
  /**
   * Pre-trigger notifications: the share of requests announced ahead, the
   * lead time, and the share of notices that name the right function (the
   * rest name another, drawn by popularity).
   */
  notifications: z
    .strictObject({
      share: z.number().min(0).max(1),
      lead: distribution(duration),
      accuracy: z.number().min(0).max(1).default(1),
    })
    .optional(),
  functions: z.int().positive().default(100),
  /** Zipf exponent of function popularity (0 = uniform). */
  zipf: z.number().nonnegative().default(1),
  /** Typical CPU-seconds of a function, drawn once per function. */
  cpu: distribution(duration),
  /** Coefficient of variation of each request around its function's CPU-seconds. */
  cpuVariation: z.number().nonnegative().default(0.25),
  /**
   * Each request's CPU-seconds: its function's times a draw of this factor
   * ({ exponential: { mean: 1 } } for exponential service). Replaces cpuVariation.
   */
  cpuFactor: factorDistribution().optional(),
  /** Time a cold start adds to its request's execution (runtime and code initialization); none if absent. */
  coldExtra: distribution(duration).optional(),
  parallelFraction: z.number().min(0).max(1).default(0.5),
  /** Peak memory of a function, drawn once per function. */
  memory: distribution(size).prefault({ constant: "256MiB" }),
  gpu: z
    .strictObject({ share: z.number().min(0).max(1), speedup: z.number().min(1) })
    .default({ share: 0, speedup: 1 }),
  /** A directory of code the functions run (relative to this file); requests then carry its features. */
  code: z.string().min(1).optional(),
  /**
   * Only these files of the `code:` directory (paths relative to it), in
   * this order: function f runs the (f mod n)-th. Absent: every file.
   */
  programs: z.array(z.string().min(1)).min(1).optional(),
  /**
   * Service classes: each function falls in one, drawn by share; its requests
   * are queued by the class's priority (higher first, FIFO within one) and
   * judged by its latency objective (the scenario's SLA when absent). The
   * summary then reports per class.
   */
  classes: z
    .array(
      z.strictObject({
        name: z.string().min(1),
        share: z.number().positive(),
        priority: z.int().default(0),
        sla: duration().pipe(z.number().positive()).optional(),
      }),
    )
    .min(1)
    .refine((cs) => new Set(cs.map((c) => c.name)).size === cs.length, "class names must differ")
    .optional(),
  /**
   * Clients asking for a resource profile by name (seed 000's API): each
   * entry's share of requests (of the functions it lists, or of all) asks
   * for its profile; the first entry that draws it wins.
   */
  requestedProfiles: z
    .array(
      z.strictObject({
        profile: z.string().min(1),
        share: z.number().gt(0).max(1),
        functions: z.array(z.int().nonnegative()).min(1).optional(),
      }),
    )
    .min(1)
    .optional(),
  /**
   * Requests carry an input size and a parameters hash: each function has
   * `paramSets` distinct parameter sets, each with its own input (the
   * function's typical input times a draw of `size`). A function running a
   * documented program (`code:`) then has the true demand of that program
   * at that input, by its complexity class, times the function's own
   * log-normal noise.
   */
  input: z
    .strictObject({
      /** Each parameter set's input relative to its function's typical input. */
      size: factorDistribution().prefault({ lognormal: { median: 1, p95: 4 } }),
      /** Each function's typical input relative to its program's reference input, drawn once. */
      spread: factorDistribution().prefault({ constant: 1 }),
      /** The reference input of a function whose program documents none. */
      reference: size().pipe(z.number().positive()).prefault("1MiB"),
      /** Distinct parameter sets (input hashes) per function. */
      paramSets: z.int().positive().default(16),
      /** Coefficient of variation of each function's log-normal factor on its program's CPU and memory. */
      noise: z.number().nonnegative().default(0.2),
    })
    .optional(),
});

const execution = z.strictObject({
  /** Try a request that ran out of memory once more; its policy sees the retry and the memory it outgrew. */
  retryOutOfMemory: z.boolean().default(false),
  /**
   * Keep behavioral profiles (seed 004) without a database: each job records
   * its completions into an in-memory book, empty at its start, that its
   * policy reads (ctx.profiles). `sim run --profiles DB` starts it from DB instead.
   */
  profiles: z.boolean().default(false),
  /** Moving a running request: a fixed pause plus its memory over the bandwidth. */
  migration: z
    .strictObject({
      fixed: duration().prefault("1s"),
      bandwidthPerSecond: size().pipe(z.number().positive()).prefault("1GiB"),
    })
    .prefault({}),
  /**
   * Pre-trigger notices reach a policy that takes them this far ahead of
   * their requests at most: the workload is read this far ahead of the
   * clock. A notice that came earlier still is delivered late, and counted.
   */
  noticeLookahead: duration().prefault("5m"),
});

const trace = z.strictObject({
  /** A trace file in the provisim trace format (see traces/format.ts), .csv or .csv.gz; relative to this file. */
  file: z.string().min(1),
  /** Skip bad rows, counting them, instead of stopping at the first. */
  lenient: z.boolean().default(false),
  /** Traces do not say how parallel the work is. */
  parallelFraction: z.number().min(0).max(1).default(0),
  /** For rows without a memory measurement. */
  defaultMemory: size().prefault("256MiB"),
  /** For rows with neither CPU time nor duration. */
  defaultCpu: duration().prefault("100ms"),
  /** A directory of code: a row's code_id names its file; requests carry its features. */
  code: z.string().min(1).optional(),
});

/** A public trace imported as the run reads it, no intermediate file. */
const dayFiles = z.union([z.string().min(1), z.array(z.string().min(1)).min(1)]);
const dayCount = (f: string | string[]) => (typeof f === "string" ? 1 : f.length);

const importSpec = z.strictObject({
  /**
   * One day's three files, or a list of each (d01, d02, ...): the days in
   * order, one trace. Memory may list fewer days: the last ones have none.
   */
  azure2019: z
    .strictObject({
      invocations: dayFiles,
      durations: dayFiles,
      memory: dayFiles,
    })
    .refine(
      (f) =>
        dayCount(f.invocations) === dayCount(f.durations) &&
        dayCount(f.invocations) >= dayCount(f.memory),
      {
        message:
          "invocations and durations must name as many days each, and memory no more (the dataset has memory for d01-d12 only)",
      },
    )
    .optional(),
  azure2021: z
    .strictObject({
      file: z.string().min(1),
      /** How long to hold each row for one read later that started earlier (for rows in end order, the longest run). */
      reorderWindow: duration().prefault("10m"),
    })
    .optional(),
  parallelFraction: z.number().min(0).max(1).default(0),
  defaultMemory: size().prefault("256MiB"),
  defaultCpu: duration().prefault("100ms"),
  code: z.string().min(1).optional(),
});

/**
 * Parameters to sweep (paths as in sweep-path.ts): a grid, every
 * combination of its values (the last path varying fastest), then the
 * points listed, each a map of path to value. Each value replaces the
 * scenario's own, as the file would write it ("20/s", 0.6).
 */
export const sweepSchema = z
  .strictObject({
    grid: z
      .record(z.string().min(1), z.array(z.unknown()).min(1, "list at least one value"))
      .refine((g) => Object.keys(g).length > 0, "name at least one path")
      .optional(),
    points: z
      .array(
        z
          .record(z.string().min(1), z.unknown())
          .refine((p) => Object.keys(p).length > 0, "a point sets at least one path"),
      )
      .min(1, "list at least one point")
      .optional(),
  })
  .refine((s) => s.grid !== undefined || s.points !== undefined, "give a grid, points, or both");

export const scenarioSchema = z
  .strictObject({
    name: z.string().min(1),
    description: z.string().optional(),
    seed: z.int().nonnegative().default(1),
    /** Simulated time: arrivals stop and the bill closes here. */
    duration: duration().pipe(z.number().positive("must be greater than zero")),
    sla: z.strictObject({
      latency: duration(),
      /** Share of the requests that end which must complete within `latency` for a policy to meet the SLA. */
      attainment: z.number().gt(0).lte(1).default(0.99),
    }),
    catalog: z
      .strictObject({ types: z.record(z.string(), instanceTypeSchema).default({}) })
      .default({ types: {} }),
    /** Resource profiles added to (or replacing by name) the default ones: Small..Extreme, Low..HighComplexity. */
    profiles: z.record(z.string().min(1), profileSchema).default({}),
    workload: z.union([
      z.strictObject({ synth }),
      z.strictObject({ trace }),
      z.strictObject({
        import: importSpec.refine((i) => (i.azure2019 ? 1 : 0) + (i.azure2021 ? 1 : 0) === 1, {
          message: "name exactly one of azure2019, azure2021",
        }),
      }),
    ]),
    queue: z
      .strictObject({
        capacity: z.int().positive().default(100_000),
        timeout: duration().optional(),
      })
      .default({ capacity: 100_000 }),
    execution: execution.prefault({}),
    policies: z.array(policyEntriesSchema()).min(1, "name at least one policy"),
    replications: z.int().positive().default(1),
    /** Run every policy at each point of a parameter grid or list, each with its replications. */
    sweep: sweepSchema.optional(),
    /** How a run is made; `sim run --policy` and `--max-requests` set these too. */
    run: z
      .strictObject({
        /** Run only these policies (labels or policy names); all when empty. */
        policies: z.array(z.string().min(1)).default([]),
        /** Refuse a run expected to simulate more requests, all jobs together. */
        maxRequests: z.number().positive().default(1e9),
      })
      .prefault({}),
    output: z
      .strictObject({ interval: duration().pipe(z.number().positive()).prefault("1m") })
      .prefault({}),
    /** What `sim plan` searches for the cheapest configuration meeting the SLA. */
    plan: planSchema.optional(),
  })
  .meta({
    title: "provisim scenario",
    description:
      "A horizon, an SLA, a workload and the policies to compare on it (see scenarios/ for examples). Quantities carry units: 250ms, 16GiB, 50/s.",
  });

export type ScenarioInput = z.input<typeof scenarioSchema>;
export type Scenario = z.output<typeof scenarioSchema>;

/** The JSON Schema of what a scenario file may contain. */
export function scenarioJsonSchema(): unknown {
  return z.toJSONSchema(scenarioSchema, { io: "input", unrepresentable: "any" });
}

/** The JSON Schema as `sim schema` prints it and scenarios/scenario.schema.json holds it. */
export function scenarioJsonSchemaText(): string {
  return JSON.stringify(scenarioJsonSchema(), null, 2) + "\n";
}
