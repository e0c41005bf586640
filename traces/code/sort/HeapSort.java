/** In-place heapsort: O(n log n), serial, no extra memory. */
public class HeapSort {
  static void siftDown(int[] a, int i, int n) {
    while (2 * i + 1 < n) {
      int c = 2 * i + 1;
      if (c + 1 < n && a[c + 1] > a[c]) c++;
      if (a[i] >= a[c]) return;
      int t = a[i]; a[i] = a[c]; a[c] = t;
      i = c;
    }
  }

  public static void sort(int[] a) {
    for (int i = a.length / 2 - 1; i >= 0; i--) siftDown(a, i, a.length);
    for (int end = a.length - 1; end > 0; end--) {
      int t = a[0]; a[0] = a[end]; a[end] = t;
      siftDown(a, 0, end);
    }
  }
}
