/**
 * String(x), written faster for the numbers traces and reports are full of:
 * non-negative, below 2^32, with at most six decimals (microseconds,
 * rounded MiB). V8's general shortest-digits conversion costs about 300 ns
 * a number, more than parsing a whole CSV row; this path costs a third.
 *
 * Why the text is the same: below 2^32 one unit in the last place is under
 * 1e-6, so no other number with six decimals or fewer rounds to the same
 * double, and the shortest text that reads back as x is the one built here.
 * Every other number goes to String.
 */
const LIMIT = 2 ** 32;
const ZEROS = ["", "0", "00", "000", "0000", "00000"];

/** x in whole microseconds when x has at most six decimals and is in range, else -1. */
export function exactMicros(x: number): number {
  if (!(x >= 0 && x < LIMIT)) return -1;
  const micros = Math.round(x * 1e6);
  return micros / 1e6 === x ? micros : -1;
}

export function numberText(x: number): string {
  const micros = exactMicros(x);
  if (micros < 0) return String(x);
  let fraction = micros % 1e6;
  const whole = (micros - fraction) / 1e6;
  if (fraction === 0) return String(whole);
  let digits = 6;
  while (fraction % 10 === 0) {
    fraction /= 10;
    digits--;
  }
  const text = String(fraction);
  return `${whole}.${ZEROS[digits - text.length]}${text}`;
}
