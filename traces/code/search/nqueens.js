// Counts N-queens solutions by backtracking: exponential in n.
export function queens(n, row = 0, cols = new Set(), d1 = new Set(), d2 = new Set()) {
  if (row === n) return 1;
  let count = 0;
  for (let c = 0; c < n; c++) {
    if (cols.has(c) || d1.has(row - c) || d2.has(row + c)) continue;
    cols.add(c);
    d1.add(row - c);
    d2.add(row + c);
    count += queens(n, row + 1, cols, d1, d2);
    cols.delete(c);
    d1.delete(row - c);
    d2.delete(row + c);
  }
  return count;
}
