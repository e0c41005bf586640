/**
 * The hash of a request's input parameters as traces carry it: FNV-1a
 * (Fowler, Noll and Vo's non-cryptographic hash), 64 bits, over the UTF-8
 * bytes of a text, written as 16 lower-case hex digits. Computed in two
 * 32-bit halves: no BigInt on a path taken per parameter set.
 */
const TWO_32 = 4294967296;
const encoder = new TextEncoder();

export function paramsHash(text: string): string {
  // Offset basis 0xcbf29ce484222325.
  let hi = 0xcbf29ce4;
  let lo = 0x84222325;
  for (const byte of encoder.encode(text)) {
    lo = (lo ^ byte) >>> 0;
    // Times the prime 2^40 + 0x1b3: the low part's product carries into the
    // high half, and lo << 40 lands in the high half as lo << 8.
    const loTimes = lo * 0x1b3;
    const carry = Math.floor(loTimes / TWO_32);
    const newLo = loTimes % TWO_32;
    hi = ((hi * 0x1b3 + carry) % TWO_32) + ((lo << 8) >>> 0);
    hi = hi % TWO_32;
    lo = newLo;
  }
  return hex8(hi) + hex8(lo);
}

function hex8(x: number): string {
  return x.toString(16).padStart(8, "0");
}

/** Whether a text is what paramsHash writes. */
export function isParamsHash(s: string): boolean {
  return /^[0-9a-f]{16}$/.test(s);
}
