/** Where `v` is not plain JSON (a Map, a function, undefined in an array, NaN, a class instance), or null if it is. */
export function notJson(v: unknown, path = "$"): string | null {
  if (v === null || typeof v === "string" || typeof v === "boolean") return null;
  if (typeof v === "number") return Number.isFinite(v) ? null : `${path} is ${v}`;
  if (Array.isArray(v)) {
    for (let i = 0; i < v.length; i++) {
      const bad = notJson(v[i], `${path}[${i}]`);
      if (bad) return bad;
    }
    return null;
  }
  if (typeof v === "object") {
    const proto = Object.getPrototypeOf(v);
    if (proto !== Object.prototype && proto !== null)
      return `${path} is a ${proto.constructor?.name}`;
    for (const [k, x] of Object.entries(v)) {
      if (x === undefined) continue; // dropped by JSON, as absent
      const bad = notJson(x, `${path}.${k}`);
      if (bad) return bad;
    }
    return null;
  }
  return `${path} is a ${typeof v}`;
}

export const roundTrip = <T>(v: T): T => JSON.parse(JSON.stringify(v)) as T;
