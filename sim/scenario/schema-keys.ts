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
}

function defOf(s: z.ZodType): Def {
  return (s as unknown as { def: Def }).def;
}

function shapeOf(s: z.ZodType): Record<string, z.ZodType> | undefined {
  return defOf(s).type === "object"
    ? (s as unknown as { shape: Record<string, z.ZodType> }).shape
    : undefined;
}

/** The object schemas a value at `path` may match. */
function objectsAt(schema: z.ZodType, path: readonly PathKey[]): z.ZodType[] {
  const d = defOf(schema);
  switch (d.type) {
    case "optional":
    case "default":
    case "prefault":
    case "nullable":
    case "readonly":
      return objectsAt(d.innerType!, path);
    case "pipe":
      return objectsAt(d.in!, path);
    case "union":
      return d.options!.flatMap((o) => objectsAt(o, path));
    default:
      break;
  }
  if (path.length === 0) return shapeOf(schema) ? [schema] : [];
  const [head, ...rest] = path;
  if (d.type === "array") return objectsAt(d.element!, rest);
  if (d.type === "record") return objectsAt(d.valueType!, rest);
  const field = shapeOf(schema)?.[String(head)];
  return field ? objectsAt(field, rest) : [];
}

export function allowedKeys(schema: z.ZodType, path: readonly PathKey[]): string[] {
  const keys = new Set<string>();
  for (const o of objectsAt(schema, path)) for (const k of Object.keys(shapeOf(o)!)) keys.add(k);
  return [...keys];
}
