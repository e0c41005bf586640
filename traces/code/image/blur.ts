// 3x3 box blur of an RGBA image: every pixel independent, so it parallelizes
// (and runs well on a GPU).
export function blur(pixels: Uint8ClampedArray, width: number, height: number): Uint8ClampedArray {
  const out = new Uint8ClampedArray(pixels.length);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      for (let ch = 0; ch < 4; ch++) {
        let sum = 0;
        let n = 0;
        for (let dy = -1; dy <= 1; dy++) {
          for (let dx = -1; dx <= 1; dx++) {
            const yy = y + dy;
            const xx = x + dx;
            if (yy >= 0 && yy < height && xx >= 0 && xx < width) {
              sum += pixels[(yy * width + xx) * 4 + ch]!;
              n++;
            }
          }
        }
        out[(y * width + x) * 4 + ch] = sum / n;
      }
    }
  }
  return out;
}
