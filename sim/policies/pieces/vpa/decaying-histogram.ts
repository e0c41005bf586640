/**
 * A histogram with exponentially growing buckets whose samples lose weight
 * with age (a half-life), as the Kubernetes VPA recommender keeps CPU and
 * memory usage. Plain JSON state: a policy keeps it, updates return a copy.
 *
 * Bucket i covers [start(i), start(i+1)) with start(i) = first x (r^i - 1) / (r - 1):
 * the first bucket is `first` wide and each next one `ratio` times wider.
 */
export interface HistogramShape {
  /** Width of the first bucket. */
  readonly first: number;
  /** How much wider each bucket is than the one before. */
  readonly ratio: number;
  /** Seconds after which a sample counts half. */
  readonly halfLifeS: number;
}

export interface DecayingHistogram {
  /** Weights are relative to this time: a sample at t weighs w x 2^((t - refS) / halfLife). */
  readonly refS: number;
  /** Weight per bucket index (sparse; JSON object keys). */
  readonly weights: Readonly<Record<string, number>>;
  readonly total: number;
}

export const EMPTY_HISTOGRAM: DecayingHistogram = { refS: 0, weights: {}, total: 0 };

/** Re-base once a fresh sample would weigh this many times an old one, before floats overflow. */
const MAX_EXPONENT = 64;

export function bucketOf(shape: HistogramShape, value: number): number {
  if (!(value > 0)) return 0;
  const r = shape.ratio;
  return Math.max(0, Math.floor(Math.log((value * (r - 1)) / shape.first + 1) / Math.log(r)));
}

export function bucketStart(shape: HistogramShape, index: number): number {
  const r = shape.ratio;
  return (shape.first * (r ** index - 1)) / (r - 1);
}

/** The histogram with a sample of `value`, weight `weight`, taken at `atS`. */
export function addSample(
  shape: HistogramShape,
  h: DecayingHistogram,
  value: number,
  weight: number,
  atS: number,
): DecayingHistogram {
  let base = h;
  if (h.total === 0) base = { refS: atS, weights: {}, total: 0 };
  else if ((atS - h.refS) / shape.halfLifeS > MAX_EXPONENT) base = rebase(h, atS, shape.halfLifeS);
  const w = weight * 2 ** ((atS - base.refS) / shape.halfLifeS);
  const key = String(bucketOf(shape, value));
  return {
    refS: base.refS,
    weights: { ...base.weights, [key]: (base.weights[key] ?? 0) + w },
    total: base.total + w,
  };
}

/** The same histogram with weights relative to `refS` (all scaled alike, so percentiles keep). */
function rebase(h: DecayingHistogram, refS: number, halfLifeS: number): DecayingHistogram {
  const scale = 2 ** ((h.refS - refS) / halfLifeS);
  const weights: Record<string, number> = {};
  let total = 0;
  for (const [k, w] of Object.entries(h.weights)) {
    const scaled = w * scale;
    if (scaled > 0) {
      weights[k] = scaled;
      total += scaled;
    }
  }
  return { refS, weights, total };
}

/**
 * The value below which `p` (0..1) of the weight lies, given as the end of
 * the bucket where the cumulative weight reaches it (the safe side, as the
 * recommender answers); 0 for an empty histogram.
 */
export function percentile(shape: HistogramShape, h: DecayingHistogram, p: number): number {
  if (h.total <= 0) return 0;
  const indices = Object.keys(h.weights)
    .map(Number)
    .sort((a, b) => a - b);
  const target = p * h.total;
  let sum = 0;
  for (const i of indices) {
    sum += h.weights[String(i)]!;
    if (sum >= target) return bucketStart(shape, i + 1);
  }
  return bucketStart(shape, indices[indices.length - 1]! + 1);
}
