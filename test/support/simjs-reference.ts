import { createRequire } from "node:module";
import * as Ours from "../../sim/engine/simjs/index.js";

/** The namespace both implementations share: what a SimJS model sees as `Sim`. */
export type SimJsApi = typeof Ours;

let reference: SimJsApi | undefined;

/**
 * The `simjs` npm package (a browser bundle): requiring it under Node sets
 * `window.Sim`, so `window` must exist first.
 */
export function loadReferenceSimJs(): SimJsApi {
  if (reference) return reference;
  const g = globalThis as { window?: unknown };
  g.window ??= globalThis;
  createRequire(import.meta.url)("simjs");
  reference = (g.window as { Sim: SimJsApi }).Sim;
  return reference;
}

export const ours: SimJsApi = Ours;
