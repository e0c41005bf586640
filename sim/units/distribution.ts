/**
 * The zod field of a distribution of a quantity: one key naming the family,
 * its parameters in the units of the quantity (shapes are plain numbers).
 * Parsed to a DistSpec of plain numbers in the quantity's base unit.
 */
import { z } from "zod";
import type { DistSpec } from "../random/spec.js";

type Field = () => z.ZodType<number, unknown>;

const positive = () => z.number().positive("must be greater than zero");
const greaterThanZero = (v: number) => v > 0;

export function distributionOf(field: Field) {
  const constant = z
    .strictObject({ constant: field() })
    .transform((d): DistSpec => ({ kind: "constant", value: d.constant }));
  const exponential = z
    .strictObject({ exponential: z.strictObject({ mean: field() }) })
    .transform((d): DistSpec => ({ kind: "exponential", mean: d.exponential.mean }));
  const lognormal = z
    .strictObject({
      lognormal: z
        .strictObject({ median: field(), p95: field() })
        .refine((p) => p.median > 0 || p.p95 === p.median, {
          message: "must be greater than zero",
          path: ["median"],
        })
        .refine((p) => p.p95 >= p.median, {
          message: "p95 must be at least the median",
          path: ["p95"],
        }),
    })
    .transform((d): DistSpec => ({ kind: "lognormal", ...d.lognormal }));
  const uniform = z
    .strictObject({
      uniform: z
        .strictObject({ min: field(), max: field() })
        .refine((p) => p.max >= p.min, { message: "max must be at least min", path: ["max"] }),
    })
    .transform((d): DistSpec => ({ kind: "uniform", ...d.uniform }));
  const gamma = z
    .strictObject({
      gamma: z
        .strictObject({ shape: positive(), mean: field() })
        .refine((p) => greaterThanZero(p.mean), {
          message: "must be greater than zero",
          path: ["mean"],
        }),
    })
    .transform((d): DistSpec => ({ kind: "gamma", ...d.gamma }));
  const normal = z
    .strictObject({
      /** Truncated at zero: a draw below zero is drawn again. */
      normal: z
        .strictObject({ mean: field(), sd: field() })
        .refine((p) => greaterThanZero(p.mean), {
          message: "must be greater than zero",
          path: ["mean"],
        }),
    })
    .transform((d): DistSpec => ({ kind: "normal", ...d.normal }));
  const triangular = z
    .strictObject({
      triangular: z
        .strictObject({ min: field(), mode: field(), max: field() })
        .refine((p) => p.min <= p.mode && p.mode <= p.max && p.min < p.max, {
          message: "need min <= mode <= max and min < max",
          path: ["mode"],
        }),
    })
    .transform((d): DistSpec => ({ kind: "triangular", ...d.triangular }));
  const pareto = z
    .strictObject({
      /** Type I: scale is the minimum, shape the tail index (a finite mean needs shape > 1). */
      pareto: z
        .strictObject({ scale: field(), shape: positive() })
        .refine((p) => greaterThanZero(p.scale), {
          message: "must be greater than zero",
          path: ["scale"],
        }),
    })
    .transform((d): DistSpec => ({ kind: "pareto", ...d.pareto }));
  const weibull = z
    .strictObject({
      weibull: z
        .strictObject({ scale: field(), shape: positive() })
        .refine((p) => greaterThanZero(p.scale), {
          message: "must be greater than zero",
          path: ["scale"],
        }),
    })
    .transform((d): DistSpec => ({ kind: "weibull", ...d.weibull }));
  const samples = z.strictObject({ samples: z.array(field()).min(1) });
  const percentiles = z.strictObject({
    /** Linear between points; the first is q: 0 (the minimum), the last q: 1 (the maximum). */
    percentiles: z
      .array(z.strictObject({ q: z.number().min(0).max(1), value: field() }))
      .min(2)
      .refine((ps) => ps[0]!.q === 0 && ps[ps.length - 1]!.q === 1, "start at q: 0 and end at q: 1")
      .refine(
        (ps) => ps.every((p, i) => i === 0 || (p.q >= ps[i - 1]!.q && p.value >= ps[i - 1]!.value)),
        "q and value must not decrease from one point to the next",
      ),
  });
  const empirical = z
    .strictObject({ empirical: z.union([samples, percentiles]) })
    .transform((d): DistSpec =>
      "samples" in d.empirical
        ? { kind: "empirical", samples: d.empirical.samples }
        : { kind: "percentiles", points: d.empirical.percentiles },
    );
  return z.union([
    constant,
    exponential,
    lognormal,
    uniform,
    gamma,
    normal,
    triangular,
    pareto,
    weibull,
    empirical,
  ]);
}
