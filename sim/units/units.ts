/**
 * Quantities with units as scenario files write them: durations ("250ms",
 * "90s", "5m", "2h", "1d"), sizes ("512MiB", "16GiB", "1TiB", "500MB"),
 * rates ("50/s", "3000/min", "10/h"). Bare numbers are taken in the base
 * unit: seconds, MiB, per second.
 */

const DURATION_S: Record<string, number> = {
  us: 1e-6,
  ms: 1e-3,
  s: 1,
  m: 60,
  min: 60,
  h: 3600,
  d: 86400,
};
const SIZE_MIB: Record<string, number> = {
  B: 1 / 2 ** 20,
  KiB: 1 / 1024,
  MiB: 1,
  GiB: 1024,
  TiB: 1024 * 1024,
  KB: 1e3 / 2 ** 20,
  MB: 1e6 / 2 ** 20,
  GB: 1e9 / 2 ** 20,
  TB: 1e12 / 2 ** 20,
};
const RATE_PER_S: Record<string, number> = {
  s: 1,
  sec: 1,
  min: 1 / 60,
  m: 1 / 60,
  h: 1 / 3600,
  hour: 1 / 3600,
  d: 1 / 86400,
};

const QUANTITY = /^\s*([+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?)\s*([A-Za-z]*)\s*$/;
const RATE = /^\s*([+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?)\s*\/\s*([A-Za-z]+)\s*$/;

export type Parsed = { ok: true; value: number } | { ok: false; message: string };

function quantity(
  input: unknown,
  units: Record<string, number>,
  what: string,
  example: string,
): Parsed {
  if (typeof input === "number") {
    return Number.isFinite(input)
      ? { ok: true, value: input }
      : { ok: false, message: `${what} must be finite` };
  }
  if (typeof input !== "string")
    return { ok: false, message: `expected a ${what} such as ${example}` };
  const m = QUANTITY.exec(input);
  const unit = m?.[2] ?? "";
  const factor = unit === "" ? 1 : units[unit];
  if (!m || factor === undefined) {
    return {
      ok: false,
      message: `"${input}" is not a ${what}: write a number and one of ${Object.keys(units).join(", ")} (e.g. ${example})`,
    };
  }
  return { ok: true, value: Number(m[1]) * factor };
}

/** Seconds. */
export function parseDuration(input: unknown): Parsed {
  return quantity(input, DURATION_S, "duration", '"250ms", "90s", "5m" or "2h"');
}

/** MiB. */
export function parseSize(input: unknown): Parsed {
  return quantity(input, SIZE_MIB, "size", '"512MiB" or "16GiB"');
}

/** Events per second. */
export function parseRate(input: unknown): Parsed {
  if (typeof input === "number") return quantity(input, RATE_PER_S, "rate", '"50/s"');
  if (typeof input !== "string")
    return { ok: false, message: 'expected a rate such as "50/s" or "3000/min"' };
  const m = RATE.exec(input);
  const factor = m ? RATE_PER_S[m[2]!] : undefined;
  if (!m || factor === undefined) {
    return {
      ok: false,
      message: `"${input}" is not a rate: write e.g. "50/s", "3000/min" or "10/h"`,
    };
  }
  return { ok: true, value: Number(m[1]) * factor };
}
