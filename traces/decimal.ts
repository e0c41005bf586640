/**
 * Number(s) for the fields of a trace, with a fast path for plain decimals
 * ("1234.567"): V8's general conversion costs about as much as parsing the
 * rest of the row. The fast path reads at most 15 digits into an integer
 * (exact below 2^53) and divides once by a power of ten (exact up to 1e22),
 * and a single division of exact values is correctly rounded, so the result
 * is the double Number gives. Anything else (signs, exponents, spaces, hex,
 * more digits) goes to Number.
 *
 * Unlike Number, an empty or blank field is NaN, not 0: a CSV cell with
 * nothing in it holds no number.
 */
const POWERS = Array.from({ length: 16 }, (_, k) => 10 ** k);

export function parseDecimal(s: string): number {
  const n = s.length;
  if (n === 0) return NaN;
  if (n > 16) return general(s);
  let mantissa = 0;
  let i = 0;
  let c = 0;
  for (; i < n; i++) {
    c = s.charCodeAt(i);
    if (c < 48 || c > 57) break;
    mantissa = mantissa * 10 + (c - 48);
  }
  let decimals = 0;
  if (i < n) {
    if (c !== 46 || i === 0) return general(s);
    i++;
    for (; i < n; i++) {
      c = s.charCodeAt(i);
      if (c < 48 || c > 57) return general(s);
      mantissa = mantissa * 10 + (c - 48);
      decimals++;
    }
  }
  // Sixteen digits may pass 2^53; with a point, sixteen characters hold fifteen.
  if (n === 16 && decimals === 0) return general(s);
  return mantissa / POWERS[decimals]!;
}

function general(s: string): number {
  const v = Number(s);
  return v === 0 && s.trim() === "" ? NaN : v;
}
