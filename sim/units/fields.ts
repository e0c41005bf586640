/** zod field types for quantities with units; each parses to a number in its base unit. */
import { z } from "zod";
import { distributionOf } from "./distribution.js";
import {
  DURATION_PATTERN,
  parseDuration,
  parseRate,
  parseSize,
  RATE_PATTERN,
  SIZE_PATTERN,
  type Parsed,
} from "./units.js";

/**
 * The input is taken as any value so that a bare number reaches the parser
 * and gets its did-you-mean; the JSON Schema still says what is accepted.
 */
function unitField(
  parse: (v: unknown) => Parsed,
  meta: { description: string; pattern: string; examples: string[] },
) {
  return z
    .unknown()
    .meta({ type: "string", ...meta })
    .transform((value, ctx) => {
      const parsed = parse(value);
      if (!parsed.ok) {
        ctx.addIssue({ code: "custom", message: parsed.message });
        return z.NEVER;
      }
      return parsed.value;
    });
}

const DURATION = unitField(parseDuration, {
  description: "a duration with its unit: us, ms, s, m (or min), h, d",
  pattern: DURATION_PATTERN,
  examples: ["250ms", "90s", "5m", "2h"],
})
  .pipe(z.number().nonnegative("must not be negative"))
  .meta({ id: "duration" });

const SIZE = unitField(parseSize, {
  description: "a size with its unit: B, KiB, MiB, GiB, TiB, KB, MB, GB, TB",
  pattern: SIZE_PATTERN,
  examples: ["512MiB", "16GiB"],
})
  .pipe(z.number().nonnegative("must not be negative"))
  .meta({ id: "size" });

const RATE = unitField(parseRate, {
  description: "a rate with its unit: /s, /min, /h, /d",
  pattern: RATE_PATTERN,
  examples: ["50/s", "3000/min"],
})
  .pipe(z.number().positive("must be greater than zero"))
  .meta({ id: "rate" });

// One schema each, named in the JSON Schema's $defs and referred to from every field.

/** A duration ("250ms", "90s", "5m", "2h"), parsed to seconds. */
export const duration = () => DURATION;

/** A size ("512MiB", "16GiB"), parsed to MiB. */
export const size = () => SIZE;

/** A rate ("50/s", "3000/min"), parsed to per second. */
export const rate = () => RATE;

/** Money in US dollars. */
export const usd = () => z.number().nonnegative("must not be negative").describe("US dollars");

const DURATION_DISTRIBUTION = distributionOf(duration).meta({ id: "durationDistribution" });
const SIZE_DISTRIBUTION = distributionOf(size).meta({ id: "sizeDistribution" });
const FACTOR = z.number().nonnegative("must not be negative");
const FACTOR_DISTRIBUTION = distributionOf(() => FACTOR).meta({ id: "factorDistribution" });

/** A distribution of durations or of sizes, parsed to a DistSpec in seconds or MiB. */
export function distribution(field: typeof duration | typeof size) {
  return field === duration ? DURATION_DISTRIBUTION : SIZE_DISTRIBUTION;
}

/** A distribution of a plain non-negative number (a factor, no unit). */
export const factorDistribution = () => FACTOR_DISTRIBUTION;
