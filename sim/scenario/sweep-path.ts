/**
 * The parameter paths of a `sweep:` block, and how they find their value
 * in a scenario document. A path is keys joined by dots, and brackets:
 *
 *   workload.synth.rate                      a key of a mapping
 *   policies[hpa].config.targetUtilization   the list entry named hpa (its
 *                                            `name`, or its `policy` when it has none)
 *   policies[0].config.fleet                 a list entry by position
 *   catalog.types[m5.xlarge].usdPerHour      a key with dots in it, verbatim
 *
 * Every step but the last must exist in the file; the last may be a key
 * the file leaves at its default (the validator then checks that such a
 * key exists there).
 */
import { formatPath, type PathKey } from "./issues.js";
import { isPlainObject } from "./zod-issues.js";

export type SweepStep =
  | { readonly kind: "key"; readonly key: string }
  | { readonly kind: "bracket"; readonly text: string };

/** The steps of `text`, or why it is no path. */
export function parseSweepPath(text: string): SweepStep[] | string {
  const steps: SweepStep[] = [];
  let i = 0;
  while (i < text.length) {
    if (text[i] === "[") {
      const end = text.indexOf("]", i);
      if (end < 0) return `"${text}": a "[" without its "]"`;
      const inner = text.slice(i + 1, end);
      if (inner === "") return `"${text}": empty brackets`;
      steps.push({ kind: "bracket", text: inner });
      i = end + 1;
      if (i < text.length && text[i] !== "." && text[i] !== "[")
        return `"${text}": a "." or "[" must follow "]"`;
      if (text[i] === ".") i++;
      continue;
    }
    let end = i;
    while (end < text.length && text[end] !== "." && text[end] !== "[") end++;
    const key = text.slice(i, end);
    if (key === "") return `"${text}": an empty key`;
    steps.push({ kind: "key", key });
    i = text[end] === "." ? end + 1 : end;
    if (text[end] === "." && i === text.length) return `"${text}": ends with "."`;
  }
  if (steps.length === 0) return "an empty path";
  if (steps[0]!.kind !== "key") return `"${text}": starts with a key, not "["`;
  return steps;
}

const listNames = (xs: readonly string[]) =>
  xs.length === 0 ? "nothing" : xs.slice(0, 12).join(", ") + (xs.length > 12 ? ", ..." : "");

/** The label an entry of a list goes by: its `name`, else its `policy`. */
function entryLabel(v: unknown): string | undefined {
  if (!isPlainObject(v)) return undefined;
  if (typeof v.name === "string") return v.name;
  return typeof v.policy === "string" ? v.policy : undefined;
}

/** The concrete path (keys and indices) `steps` name in `doc`, or what is missing. */
export function resolveSweepPath(
  doc: unknown,
  steps: readonly SweepStep[],
): { readonly path: PathKey[]; readonly added?: true } | { readonly missing: string } {
  const path: PathKey[] = [];
  let node = doc;
  for (const step of steps) {
    const here = path.length === 0 ? "the scenario" : formatPath(path);
    if (Array.isArray(node)) {
      if (step.kind === "key")
        return { missing: `${here} is a list: name an entry with [label] or [index]` };
      const index = /^\d+$/.test(step.text)
        ? Number(step.text)
        : node.findIndex((v) => entryLabel(v) === step.text);
      if (index < 0 || index >= node.length) {
        const labels = node.flatMap((v) => entryLabel(v) ?? []);
        return {
          missing: /^\d+$/.test(step.text)
            ? `${here} has ${node.length} entries, no [${step.text}]`
            : `${here} has no entry named "${step.text}" (it has ${listNames(labels)})`,
        };
      }
      path.push(index);
      node = node[index];
      continue;
    }
    if (isPlainObject(node)) {
      const key = step.kind === "key" ? step.key : step.text;
      if (!Object.hasOwn(node, key) && step === steps[steps.length - 1])
        return { path: [...path, key], added: true };
      if (!Object.hasOwn(node, key))
        return { missing: `${here} has no "${key}" (it has ${listNames(Object.keys(node))})` };
      path.push(key);
      node = node[key];
      continue;
    }
    return { missing: `${here} is a single value, with nothing under it` };
  }
  return { path };
}

/** `doc` with the value at `path` replaced (copied along the path; `doc` is left as it was). */
export function assignAt(doc: unknown, path: readonly PathKey[], value: unknown): unknown {
  const [head, ...rest] = path;
  if (head === undefined) return value;
  if (Array.isArray(doc)) {
    const copy = [...doc];
    copy[head as number] = assignAt(doc[head as number], rest, value);
    return copy;
  }
  const obj = doc as Record<string, unknown>;
  return { ...obj, [head]: assignAt(obj[head as string], rest, value) };
}
