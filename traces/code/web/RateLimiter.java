import java.util.HashMap;
import java.util.Map;

/** A token bucket per client, shared across threads: one lock, constant work. */
public class RateLimiter {
  private final Map<String, double[]> buckets = new HashMap<>();
  private final double ratePerSecond;
  private final double burst;

  public RateLimiter(double ratePerSecond, double burst) {
    this.ratePerSecond = ratePerSecond;
    this.burst = burst;
  }

  public boolean allow(String client, double nowSeconds) {
    synchronized (buckets) {
      double[] b = buckets.computeIfAbsent(client, c -> new double[] {burst, nowSeconds});
      b[0] = Math.min(burst, b[0] + (nowSeconds - b[1]) * ratePerSecond);
      b[1] = nowSeconds;
      if (b[0] < 1) return false;
      b[0] -= 1;
      return true;
    }
  }
}
