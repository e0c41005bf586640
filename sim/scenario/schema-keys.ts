/** The keys a schema allows at a path, for "did you mean" on unknown keys. */
import type { z } from "zod";
import type { PathKey } from "./issues.js";

interface Def {
  type: string;
  innerType?: z.ZodType;
  in?: z.ZodType;
  element?: z.ZodType;
  valueType?: z.ZodType;
  options?: z.ZodType[];
  discriminator?: string;
  values?: unknown[];
}

function defOf(s: z.ZodType): Def {
  return (s as unknown as { def: Def }).def;
}

function shapeOf(s: z.ZodType): Record<string, z.ZodType> | undefined {
  return defOf(s).type === "object"
    ? (s as unknown as { shape: Record<string, z.ZodType> }).shape
    : undefined;
}

/** A discriminated union's options that `value` selects (all of them when it selects none). */
function selected(d: Def, value: unknown): z.ZodType[] {
  const options = d.options!;
  const key = d.discriminator;
  const given =
    key !== undefined && value && typeof value === "object"
      ? (value as Record<string, unknown>)[key]
      : undefined;
  if (given === undefined) return options;
  const matching = options.filter((o) => {
    const literal = shapeOf(o)?.[key!];
    return literal !== undefined && (defOf(literal).values ?? []).includes(given);
  });
  return matching.length > 0 ? matching : options;
}

/** The object schemas a value at `path` may match; `value` is what the document holds at the schema's root. */
function objectsAt(schema: z.ZodType, path: readonly PathKey[], value: unknown): z.ZodType[] {
  const d = defOf(schema);
  switch (d.type) {
    case "optional":
    case "default":
    case "prefault":
    case "nullable":
    case "readonly":
      return objectsAt(d.innerType!, path, value);
    case "pipe":
      return objectsAt(d.in!, path, value);
    case "union":
      return selected(d, value).flatMap((o) => objectsAt(o, path, value));
    default:
      break;
  }
  if (path.length === 0) return shapeOf(schema) ? [schema] : [];
  const [head, ...rest] = path;
  const next =
    value && typeof value === "object" ? (value as Record<PathKey, unknown>)[head!] : undefined;
  if (d.type === "array") return objectsAt(d.element!, rest, next);
  if (d.type === "record") return objectsAt(d.valueType!, rest, next);
  const field = shapeOf(schema)?.[String(head)];
  return field ? objectsAt(field, rest, next) : [];
}

/** The keys the schema allows at `path`; `value`, the document at the schema's root, narrows discriminated unions. */
export function allowedKeys(
  schema: z.ZodType,
  path: readonly PathKey[],
  value?: unknown,
): string[] {
  const keys = new Set<string>();
  for (const o of objectsAt(schema, path, value))
    for (const k of Object.keys(shapeOf(o)!)) keys.add(k);
  return [...keys];
}
