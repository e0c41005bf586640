/**
 * Histogram bins for tree splits: per feature at most `maxBins` bins whose
 * edges are rounded to a few significant digits, so a saved model is short
 * and the split a tree learned on bins is the same test on raw values
 * (`x <= edge`) at prediction time.
 */

const EDGE_DIGITS = 7;

export const roundTo = (v: number, digits: number): number => Number(v.toPrecision(digits));

/** Ascending, distinct split thresholds for one feature column. */
export function binEdges(column: ArrayLike<number>, maxBins: number): number[] {
  const sorted = Float64Array.from(column).sort();
  const distinct: number[] = [];
  for (const v of sorted)
    if (distinct.length === 0 || v !== distinct[distinct.length - 1]) distinct.push(v);
  const candidates: number[] = [];
  if (distinct.length <= maxBins) {
    for (let i = 0; i + 1 < distinct.length; i++)
      candidates.push((distinct[i]! + distinct[i + 1]!) / 2);
  } else {
    const n = sorted.length;
    for (let k = 1; k < maxBins; k++) candidates.push(sorted[Math.floor((k * n) / maxBins)]!);
  }
  const edges: number[] = [];
  for (const c of candidates) {
    const e = roundTo(c, EDGE_DIGITS);
    // Rounding can merge neighbours or reach the top value: keep edges that still split.
    if ((edges.length === 0 || e > edges[edges.length - 1]!) && e < distinct[distinct.length - 1]!)
      edges.push(e);
  }
  return edges;
}

/** Bin index of `x`: the first edge it does not exceed, or edges.length above them all. */
export function binOf(edges: readonly number[], x: number): number {
  let lo = 0;
  let hi = edges.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (x <= edges[mid]!) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

/** Column-major bin indices of a row-major matrix. */
export function binMatrix(
  rows: readonly (readonly number[])[],
  edges: readonly number[][],
): Uint8Array[] {
  return edges.map((e, f) => {
    if (e.length > 255) throw new Error("binMatrix: at most 256 bins per feature");
    const col = new Uint8Array(rows.length);
    for (let i = 0; i < rows.length; i++) col[i] = binOf(e, rows[i]![f]!);
    return col;
  });
}
