/**
 * What a policy keeps per request between hooks (from its arrival to its
 * end), as plain JSON: an array of [request id, record] pairs, each change a
 * new array. An array rather than an object keyed by id because an object
 * that loses keys turns into a dictionary in V8, and copying one then costs
 * far more than copying an array of the same entries.
 */
export type ByRequest<T> = readonly (readonly [number, T])[];

export const NO_REQUESTS: ByRequest<never> = [];

/** The record kept for request `id`, or undefined. */
export function recordOf<T>(table: ByRequest<T>, id: number): T | undefined {
  for (const [key, value] of table) if (key === id) return value;
  return undefined;
}

/** The table with `value` for request `id` (in place of its record, or added at the end). */
export function withRecord<T>(table: ByRequest<T>, id: number, value: T): ByRequest<T> {
  const i = table.findIndex(([key]) => key === id);
  if (i < 0) return [...table, [id, value]];
  const next = table.slice();
  next[i] = [id, value];
  return next;
}

/** The table without request `id`'s record (the same table if it has none). */
export function withoutRecord<T>(table: ByRequest<T>, id: number): ByRequest<T> {
  const i = table.findIndex(([key]) => key === id);
  if (i < 0) return table;
  return [...table.slice(0, i), ...table.slice(i + 1)];
}
