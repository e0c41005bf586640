/** zod field types for quantities with units; each parses to a number in its base unit. */
import { z } from "zod";
import { parseDuration, parseRate, parseSize, type Parsed } from "./units.js";

function unitField(parse: (v: unknown) => Parsed, description: string) {
  return z
    .union([z.number(), z.string()])
    .describe(description)
    .transform((value, ctx) => {
      const parsed = parse(value);
      if (!parsed.ok) {
        ctx.addIssue({ code: "custom", message: parsed.message });
        return z.NEVER;
      }
      return parsed.value;
    });
}

/** A duration ("250ms", "90s", "5m", "2h"; a bare number is seconds), parsed to seconds. */
export const duration = () =>
  unitField(parseDuration, 'duration: "250ms", "90s", "5m", "2h" (a bare number is seconds)').pipe(
    z.number().nonnegative("must not be negative"),
  );

/** A size ("512MiB", "16GiB"; a bare number is MiB), parsed to MiB. */
export const size = () =>
  unitField(parseSize, 'size: "512MiB", "16GiB" (a bare number is MiB)').pipe(
    z.number().nonnegative("must not be negative"),
  );

/** A rate ("50/s", "3000/min"; a bare number is per second), parsed to per second. */
export const rate = () =>
  unitField(parseRate, 'rate: "50/s", "3000/min" (a bare number is per second)').pipe(
    z.number().positive("must be greater than zero"),
  );

/** Money in US dollars. */
export const usd = () => z.number().nonnegative("must not be negative").describe("US dollars");

/**
 * A distribution of a quantity, in the units of `field`: one key naming the
 * family. Parsed to a DistSpec of plain numbers.
 */
export function distribution(field: () => z.ZodType<number, unknown>) {
  const positive = z.number().positive("must be greater than zero");
  return z.union([
    z
      .strictObject({ constant: field() })
      .transform((d) => ({ kind: "constant" as const, value: d.constant })),
    z
      .strictObject({ exponential: z.strictObject({ mean: field() }) })
      .transform((d) => ({ kind: "exponential" as const, mean: d.exponential.mean })),
    z
      .strictObject({ lognormal: z.strictObject({ median: field(), p95: field() }) })
      .refine((d) => d.lognormal.p95 >= d.lognormal.median, {
        message: "p95 must be at least the median",
        path: ["lognormal", "p95"],
      })
      .transform((d) => ({
        kind: "lognormal" as const,
        median: d.lognormal.median,
        p95: d.lognormal.p95,
      })),
    z
      .strictObject({ uniform: z.strictObject({ min: field(), max: field() }) })
      .refine((d) => d.uniform.max >= d.uniform.min, {
        message: "max must be at least min",
        path: ["uniform", "max"],
      })
      .transform((d) => ({ kind: "uniform" as const, min: d.uniform.min, max: d.uniform.max })),
    z
      .strictObject({ gamma: z.strictObject({ shape: positive, mean: field() }) })
      .refine((d) => d.gamma.mean > 0, {
        message: "mean must be greater than zero",
        path: ["gamma", "mean"],
      })
      .transform((d) => ({ kind: "gamma" as const, shape: d.gamma.shape, mean: d.gamma.mean })),
    z
      .strictObject({ empirical: z.strictObject({ samples: z.array(field()).min(1) }) })
      .transform((d) => ({ kind: "empirical" as const, samples: d.empirical.samples })),
  ]);
}
