/**
 * Quantities with units as scenario files write them: durations ("250ms",
 * "90s", "5m", "2h", "1d"), sizes ("512MiB", "16GiB", "1TiB", "500MB"),
 * rates ("50/s", "3000/min", "10/h"). A number always carries its unit: a
 * bare 2 could mean seconds or hours, so it is refused with the likely
 * readings as hints.
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

const NUMBER = String.raw`[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?`;
const QUANTITY = new RegExp(String.raw`^\s*(${NUMBER})\s*([A-Za-z]*)\s*$`);
const RATE = new RegExp(String.raw`^\s*(${NUMBER})\s*\/\s*([A-Za-z]+)\s*$`);
const BARE = new RegExp(String.raw`^\s*(${NUMBER})\s*$`);

export type Parsed = { ok: true; value: number } | { ok: false; message: string };

interface Kind {
  readonly what: string;
  readonly units: Record<string, number>;
  /** Between the number and the unit: "" or "/". */
  readonly joiner: string;
  /** The readings of a bare number to offer, most likely first. */
  readonly hints: readonly string[];
  readonly example: string;
}

const DURATION: Kind = {
  what: "duration",
  units: DURATION_S,
  joiner: "",
  hints: ["s", "h"],
  example: '"250ms", "90s", "5m" or "2h"',
};
const SIZE: Kind = {
  what: "size",
  units: SIZE_MIB,
  joiner: "",
  hints: ["MiB", "GiB"],
  example: '"512MiB" or "16GiB"',
};
const RATE_KIND: Kind = {
  what: "rate",
  units: RATE_PER_S,
  joiner: "/",
  hints: ["s", "min"],
  example: '"50/s", "3000/min" or "10/h"',
};

/** "2 has no unit: did you mean "2s" or "2h"?" */
function bare(n: string, k: Kind): Parsed {
  const options = k.hints.map((u) => `"${n}${k.joiner}${u}"`);
  return {
    ok: false,
    message: `${n} has no unit: a ${k.what} carries one (did you mean ${options.join(" or ")}?)`,
  };
}

function parse(input: unknown, k: Kind): Parsed {
  if (typeof input === "number") {
    return Number.isFinite(input)
      ? bare(String(input), k)
      : { ok: false, message: `a ${k.what} must be finite, such as ${k.example}` };
  }
  if (typeof input !== "string")
    return { ok: false, message: `expected a ${k.what} such as ${k.example}` };
  const number = BARE.exec(input);
  if (number) return bare(number[1]!, k);
  const m = (k.joiner === "/" ? RATE : QUANTITY).exec(input);
  const factor = m ? k.units[m[2]!] : undefined;
  if (!m || factor === undefined) {
    return {
      ok: false,
      message: `"${input}" is not a ${k.what}: write a number and one of ${Object.keys(k.units)
        .map((u) => k.joiner + u)
        .join(", ")} (e.g. ${k.example})`,
    };
  }
  const value = Number(m[1]) * factor;
  return Number.isFinite(value)
    ? { ok: true, value }
    : { ok: false, message: `"${input}" is too large a ${k.what}` };
}

/** Seconds. */
export function parseDuration(input: unknown): Parsed {
  return parse(input, DURATION);
}

/** MiB. */
export function parseSize(input: unknown): Parsed {
  return parse(input, SIZE);
}

/** Events per second. */
export function parseRate(input: unknown): Parsed {
  return parse(input, RATE_KIND);
}

/** A JSON Schema pattern that matches what the parser of `k` accepts (units included). */
function pattern(k: Kind): string {
  const units = Object.keys(k.units).join("|");
  const joiner = k.joiner === "/" ? String.raw`\s*\/\s*` : String.raw`\s*`;
  return String.raw`^\s*${NUMBER}${joiner}(?:${units})\s*$`;
}

export const DURATION_PATTERN = pattern(DURATION);
export const SIZE_PATTERN = pattern(SIZE);
export const RATE_PATTERN = pattern(RATE_KIND);
