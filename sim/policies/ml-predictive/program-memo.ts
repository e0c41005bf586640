/**
 * Memos of pure functions on the arrival path, outside the policy state:
 * a request's program key (built once per function and code version, not
 * per request) and the trained model's prediction for a program on one
 * input size (the same program on the same input: the same prediction,
 * computed once). Both are bounded and cleared when full.
 */
import { RESOURCES } from "../../predict/resource-predictor.js";
import type { ResourcePredictor } from "../../predict/resource-predictor.js";
import type { RequestView } from "../types.js";

/** The model's log medians and log spreads (p90 over p50), by resource. */
export interface Base {
  readonly mid: Float64Array;
  readonly spread: Float64Array;
}

export interface Program {
  readonly key: string;
  readonly codeId: string | undefined;
  readonly codeVersion: string | undefined;
  /** The model whose predictions `bases` holds, by input size. */
  model: ResourcePredictor | null;
  bases: Map<number, Base>;
}

/** Functions whose program is remembered; input sizes remembered per program. */
const MAX_FUNCTIONS = 8192;
const MAX_INPUTS = 1024;
const NO_MODEL: Base = {
  mid: new Float64Array(RESOURCES.length),
  spread: new Float64Array(RESOURCES.length),
};
const programs = new Map<number, Program>();

/** The program of a request: its code id and version, or its function without code. */
export function programOf(r: RequestView): Program {
  const known = programs.get(r.functionId);
  if (known && known.codeId === r.codeId && known.codeVersion === r.codeVersion) return known;
  const key = r.codeId === undefined ? `fn:${r.functionId}` : `${r.codeId}@${r.codeVersion ?? ""}`;
  const p: Program = {
    key,
    codeId: r.codeId,
    codeVersion: r.codeVersion,
    model: null,
    bases: new Map(),
  };
  if (programs.size >= MAX_FUNCTIONS) programs.clear();
  programs.set(r.functionId, p);
  return p;
}

/** The model's prediction for request `r` of program `p` (zeros without a model). */
export function baseOf(p: Program, model: ResourcePredictor | null, r: RequestView): Base {
  if (!model) return NO_MODEL;
  if (p.model !== model) {
    p.model = model;
    p.bases.clear();
  }
  const bytes = r.inputBytes ?? 0;
  const known = p.bases.get(bytes);
  if (known) return known;
  const q = model.predict(r.features, bytes);
  const b: Base = {
    mid: new Float64Array(RESOURCES.length),
    spread: new Float64Array(RESOURCES.length),
  };
  RESOURCES.forEach((res, k) => {
    const [p50, p90] = q[res];
    b.mid[k] = Math.log(p50!);
    b.spread[k] = Math.max(0, Math.log(p90! / p50!));
  });
  if (p.bases.size >= MAX_INPUTS) p.bases.clear();
  p.bases.set(bytes, b);
  return b;
}
