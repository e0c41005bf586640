// LSD radix sort of 32-bit unsigned integers, 8 bits per pass: linear time.
export function radixSort(values) {
  let src = Uint32Array.from(values);
  let dst = new Uint32Array(src.length);
  for (let shift = 0; shift < 32; shift += 8) {
    const counts = new Uint32Array(257);
    for (const v of src) counts[((v >>> shift) & 0xff) + 1]++;
    for (let i = 1; i < 257; i++) counts[i] += counts[i - 1];
    for (const v of src) dst[counts[(v >>> shift) & 0xff]++] = v;
    [src, dst] = [dst, src];
  }
  return src;
}
