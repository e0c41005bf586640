/** Cache-blocked matrix multiply; the blocks are independent across rows. */
public class BlockedMatmul {
  static final int B = 64;

  public static double[][] multiply(double[][] a, double[][] b) {
    int n = a.length;
    double[][] c = new double[n][n];
    for (int ii = 0; ii < n; ii += B) {
      for (int kk = 0; kk < n; kk += B) {
        for (int jj = 0; jj < n; jj += B) {
          for (int i = ii; i < Math.min(ii + B, n); i++) {
            for (int k = kk; k < Math.min(kk + B, n); k++) {
              double aik = a[i][k];
              for (int j = jj; j < Math.min(jj + B, n); j++) {
                c[i][j] += aik * b[k][j];
              }
            }
          }
        }
      }
    }
    return c;
  }
}
