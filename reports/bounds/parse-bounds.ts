/**
 * A bounds file read back, checked field by field: a problem is one line
 * naming the file, the line and the path of the field (`policies.hpa.costUsd.bound`).
 */
import type { BoundsFile, MetricBound, PolicyBounds } from "./bounds-file.js";
import { BOUND_METRICS, METRIC_KEYS, type MetricKey } from "./metrics.js";

export class BoundsFileError extends Error {
  override name = "BoundsFileError";
}

type Json = Record<string, unknown>;

/** The line of the field at `keys`, found key by key from the top; 1 if not found. */
function lineOf(text: string, keys: readonly string[]): number {
  let at = 0;
  for (const k of keys) {
    const i = text.indexOf(JSON.stringify(k), at);
    if (i < 0) break;
    at = i;
  }
  return text.slice(0, at).split("\n").length;
}

/** The line of a JSON syntax error, from the message as Node 20 or later words it. */
function syntaxLine(text: string, message: string): number {
  const line = /line (\d+)/.exec(message);
  if (line) return Number(line[1]);
  const pos = /position (\d+)/.exec(message);
  return pos ? text.slice(0, Number(pos[1])).split("\n").length : 1;
}

export function parseBounds(text: string, file: string): BoundsFile {
  const fail = (keys: readonly string[], message: string): never => {
    const path = keys.length > 0 ? `${keys.join(".")}: ` : "";
    throw new BoundsFileError(`${file}:${lineOf(text, keys)}: ${path}${message}`);
  };
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (e) {
    const message = (e as Error).message;
    throw new BoundsFileError(`${file}:${syntaxLine(text, message)}: not JSON: ${message}`);
  }
  const object = (v: unknown, keys: string[], allowed: readonly string[]): Json => {
    if (typeof v !== "object" || v === null || Array.isArray(v)) fail(keys, "expected an object");
    const o = v as Json;
    for (const k of Object.keys(o))
      if (!allowed.includes(k)) fail([...keys, k], `unknown field; expected ${allowed.join(", ")}`);
    for (const k of allowed) if (!(k in o)) fail([...keys, k], "missing");
    return o;
  };
  const number = (v: unknown, keys: string[], ok: (n: number) => boolean, what: string) =>
    typeof v === "number" && Number.isFinite(v) && ok(v) ? v : fail(keys, `expected ${what}`);

  const top = object(doc, [], ["scenario", "seed", "replications", "margin", "policies"]);
  if (typeof top.scenario !== "string" || top.scenario === "")
    fail(["scenario"], "expected the scenario's name");
  const seed = number(top.seed, ["seed"], (n) => Number.isSafeInteger(n) && n >= 0, "a seed");
  const replications = number(
    top.replications,
    ["replications"],
    (n) => Number.isSafeInteger(n) && n >= 1,
    "a whole number >= 1",
  );
  const margin = number(top.margin, ["margin"], (n) => n >= 0, "a share >= 0");
  const policiesJson = top.policies;
  if (typeof policiesJson !== "object" || policiesJson === null || Array.isArray(policiesJson))
    fail(["policies"], "expected an object, a field per policy");
  const policies: Record<string, PolicyBounds> = {};
  for (const [name, p] of Object.entries(policiesJson as Json)) {
    const metrics = object(p, ["policies", name], METRIC_KEYS);
    const read = (k: MetricKey): MetricBound => {
      const keys = ["policies", name, k];
      const o = object(metrics[k], keys, ["measured", "bound", "from"]);
      const measured = number(o.measured, [...keys, "measured"], () => true, "a number");
      const bound = number(o.bound, [...keys, "bound"], () => true, "a number");
      if (o.from !== "ci95" && o.from !== "margin")
        fail([...keys, "from"], 'expected "ci95" or "margin"');
      const worse = BOUND_METRICS[k].worse;
      if (worse === "higher" ? bound < measured : bound > measured)
        fail(
          [...keys, "bound"],
          `a ${worse}-is-worse bound must not be ${worse === "higher" ? "below" : "above"} the measured ${measured}`,
        );
      return { measured, bound, from: o.from as MetricBound["from"] };
    };
    policies[name] = Object.fromEntries(METRIC_KEYS.map((k) => [k, read(k)])) as PolicyBounds;
  }
  return { scenario: top.scenario as string, seed, replications, margin, policies };
}
