/** Bilinear resize of a grayscale image. */
public class Resize {
  public static float[][] bilinear(float[][] src, int outH, int outW) {
    int h = src.length, w = src[0].length;
    float[][] out = new float[outH][outW];
    for (int y = 0; y < outH; y++) {
      float fy = (float) y * (h - 1) / Math.max(1, outH - 1);
      int y0 = (int) fy, y1 = Math.min(y0 + 1, h - 1);
      for (int x = 0; x < outW; x++) {
        float fx = (float) x * (w - 1) / Math.max(1, outW - 1);
        int x0 = (int) fx, x1 = Math.min(x0 + 1, w - 1);
        float top = src[y0][x0] + (src[y0][x1] - src[y0][x0]) * (fx - x0);
        float bottom = src[y1][x0] + (src[y1][x1] - src[y1][x0]) * (fx - x0);
        out[y][x] = top + (bottom - top) * (fy - y0);
      }
    }
    return out;
  }
}
