/** The policies no other policy beats on both cost and SLA attainment. */
export interface CostSla {
  readonly costUsd: number;
  readonly slaAttainment: number;
}

/**
 * Indices of the Pareto front, cheapest first: a point is on it when every
 * cheaper-or-equal point attains strictly less, and no point of equal cost
 * attains more.
 */
export function paretoFront(points: readonly CostSla[]): number[] {
  const order = points
    .map((p, i) => i)
    .sort(
      (a, b) =>
        points[a]!.costUsd - points[b]!.costUsd ||
        points[b]!.slaAttainment - points[a]!.slaAttainment,
    );
  const front: number[] = [];
  let best = -Infinity;
  for (const i of order) {
    if (points[i]!.slaAttainment > best) {
      front.push(i);
      best = points[i]!.slaAttainment;
    }
  }
  return front;
}
