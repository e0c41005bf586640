import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Breadth-first shortest hop counts in an adjacency-list graph. */
public class Bfs {
  public static Map<Integer, Integer> distances(Map<Integer, List<Integer>> graph, int start) {
    Map<Integer, Integer> dist = new HashMap<>();
    ArrayDeque<Integer> queue = new ArrayDeque<>();
    dist.put(start, 0);
    queue.add(start);
    while (!queue.isEmpty()) {
      int u = queue.poll();
      for (int v : graph.getOrDefault(u, List.of())) {
        if (!dist.containsKey(v)) {
          dist.put(v, dist.get(u) + 1);
          queue.add(v);
        }
      }
    }
    return dist;
  }
}
