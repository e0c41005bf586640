/**
 * Nelder-Mead simplex minimisation (reflection 1, expansion 2, contraction
 * 1/2, shrink 1/2): derivative-free, deterministic, enough for the few
 * smoothing parameters a forecaster fits.
 */

export interface MinimizeOptions {
  /** Initial step along each axis. */
  readonly step?: number;
  readonly maxIterations?: number;
  /** Stop when the simplex's values differ by less than this (relative). */
  readonly tolerance?: number;
}

export interface Minimum {
  readonly x: number[];
  readonly value: number;
  readonly iterations: number;
}

export function nelderMead(
  f: (x: readonly number[]) => number,
  start: readonly number[],
  options: MinimizeOptions = {},
): Minimum {
  const { step = 0.1, maxIterations = 2000, tolerance = 1e-12 } = options;
  const d = start.length;
  let simplex = [start.slice()];
  for (let i = 0; i < d; i++) {
    const p = start.slice();
    p[i] = p[i]! + step;
    simplex.push(p);
  }
  let values = simplex.map(f);
  const at = (a: readonly number[], b: readonly number[], t: number) =>
    a.map((ai, i) => ai + t * (b[i]! - ai));
  let iterations = 0;
  for (; iterations < maxIterations; iterations++) {
    const order = values.map((_, i) => i).sort((a, b) => values[a]! - values[b]! || a - b);
    simplex = order.map((i) => simplex[i]!);
    values = order.map((i) => values[i]!);
    const best = values[0]!;
    const worst = values[d]!;
    if (Math.abs(worst - best) <= tolerance * (Math.abs(best) + tolerance)) break;
    const centroid = new Array<number>(d).fill(0);
    for (let i = 0; i < d; i++) for (let j = 0; j < d; j++) centroid[j]! += simplex[i]![j]! / d;
    const reflected = at(centroid, simplex[d]!, -1);
    const fr = f(reflected);
    if (fr < best) {
      const expanded = at(centroid, simplex[d]!, -2);
      const fe = f(expanded);
      [simplex[d], values[d]] = fe < fr ? [expanded, fe] : [reflected, fr];
    } else if (fr < values[d - 1]!) {
      [simplex[d], values[d]] = [reflected, fr];
    } else {
      const outside = fr < worst;
      const contracted = at(centroid, outside ? reflected : simplex[d]!, 0.5);
      const fc = f(contracted);
      if (fc < (outside ? fr : worst)) {
        [simplex[d], values[d]] = [contracted, fc];
      } else {
        for (let i = 1; i <= d; i++) {
          simplex[i] = at(simplex[0]!, simplex[i]!, 0.5);
          values[i] = f(simplex[i]!);
        }
      }
    }
  }
  let k = 0;
  for (let i = 1; i <= d; i++) if (values[i]! < values[k]!) k = i;
  return { x: simplex[k]!, value: values[k]!, iterations };
}
