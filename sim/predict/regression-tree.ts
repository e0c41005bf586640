/**
 * One depth-limited regression tree grown on histogram bins: splits chosen by
 * the squared-error gain on the rows' gradients, leaf values chosen by the
 * caller (a quantile booster puts the quantile of the leaf's residuals there).
 *
 * Stored flat in preorder: node i is a leaf when feature[i] is -1 (value[i] is
 * its output), else it tests x[feature[i]] <= value[i], its left child is
 * i + 1 and its right child right[i].
 */

export interface Tree {
  readonly feature: number[];
  readonly value: number[];
  readonly right: number[];
}

export interface GrowOptions {
  readonly maxDepth: number;
  readonly minLeaf: number;
}

/** Output of a tree for one row. */
export function evalTree(t: Tree, x: ArrayLike<number>): number {
  let i = 0;
  let f = t.feature[0]!;
  while (f >= 0) {
    i = x[f]! <= t.value[i]! ? i + 1 : t.right[i]!;
    f = t.feature[i]!;
  }
  return t.value[i]!;
}

/**
 * Grows a tree over the rows in `rows` (indices into the bins and gradients).
 * `leafValue` receives the rows of each leaf.
 */
export function growTree(
  bins: readonly Uint8Array[],
  edges: readonly (readonly number[])[],
  gradient: Float64Array,
  rows: Uint32Array,
  options: GrowOptions,
  leafValue: (rows: Uint32Array) => number,
): Tree {
  const tree: Tree = { feature: [], value: [], right: [] };
  const sums = new Float64Array(256);
  const counts = new Uint32Array(256);

  const grow = (idx: Uint32Array, depth: number): void => {
    const node = tree.feature.length;
    tree.feature.push(-1);
    tree.value.push(0);
    tree.right.push(0);
    const split = depth < options.maxDepth ? bestSplit(idx) : null;
    if (split === null) {
      tree.value[node] = leafValue(idx);
      return;
    }
    const col = bins[split.feature]!;
    const left = new Uint32Array(split.leftCount);
    const right = new Uint32Array(idx.length - split.leftCount);
    let l = 0;
    let r = 0;
    for (const i of idx) {
      if (col[i]! <= split.bin) left[l++] = i;
      else right[r++] = i;
    }
    tree.feature[node] = split.feature;
    tree.value[node] = edges[split.feature]![split.bin]!;
    grow(left, depth + 1);
    tree.right[node] = tree.feature.length;
    grow(right, depth + 1);
  };

  const bestSplit = (
    idx: Uint32Array,
  ): { feature: number; bin: number; leftCount: number } | null => {
    const n = idx.length;
    if (n < 2 * options.minLeaf) return null;
    let total = 0;
    for (const i of idx) total += gradient[i]!;
    const parent = (total * total) / n;
    let best: { feature: number; bin: number; leftCount: number } | null = null;
    let bestGain = 1e-12 * Math.max(1, Math.abs(parent));
    for (let f = 0; f < bins.length; f++) {
      const nEdges = edges[f]!.length;
      if (nEdges === 0) continue;
      const col = bins[f]!;
      sums.fill(0, 0, nEdges + 1);
      counts.fill(0, 0, nEdges + 1);
      for (const i of idx) {
        const b = col[i]!;
        sums[b] = sums[b]! + gradient[i]!;
        counts[b] = counts[b]! + 1;
      }
      let gl = 0;
      let nl = 0;
      for (let b = 0; b < nEdges; b++) {
        gl += sums[b]!;
        nl += counts[b]!;
        const nr = n - nl;
        if (nl < options.minLeaf) continue;
        if (nr < options.minLeaf) break;
        const gr = total - gl;
        const gain = (gl * gl) / nl + (gr * gr) / nr - parent;
        // Strictly greater: the first best split wins, so ties never depend on float noise order.
        if (gain > bestGain) {
          bestGain = gain;
          best = { feature: f, bin: b, leftCount: nl };
        }
      }
    }
    return best;
  };

  grow(rows, 0);
  return tree;
}
