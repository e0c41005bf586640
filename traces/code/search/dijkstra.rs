// Shortest paths from one node over a weighted graph, with a binary heap.
use std::cmp::Reverse;
use std::collections::BinaryHeap;

pub fn shortest(adjacency: &Vec<Vec<(usize, u64)>>, from: usize) -> Vec<u64> {
    let mut dist = vec![u64::MAX; adjacency.len()];
    let mut heap = BinaryHeap::new();
    dist[from] = 0;
    heap.push(Reverse((0, from)));
    while let Some(Reverse((d, node))) = heap.pop() {
        if d > dist[node] {
            continue;
        }
        for &(next, weight) in &adjacency[node] {
            let candidate = d + weight;
            if candidate < dist[next] {
                dist[next] = candidate;
                heap.push(Reverse((candidate, next)));
            }
        }
    }
    dist
}
