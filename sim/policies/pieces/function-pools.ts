/**
 * One pool per function (FaaS style): the pool's id, and the decision that
 * routes a request to it. Both are memoized by function id, immutable and
 * shared, because a FaaS policy makes one per arrival and most arrivals need
 * nothing else; a memo of constants keeps the policy pure.
 */
import type { Action } from "../types.js";

const ids: string[] = [];
const routes: (readonly Action[])[] = [];

/** The id of the pool serving `functionId`: "fn-<id>". */
export function functionPoolId(functionId: number): string {
  return (ids[functionId] ??= `fn-${functionId}`);
}

/** The single action `route` to that function's pool, frozen. */
export function routeToFunctionPool(functionId: number): readonly Action[] {
  return (routes[functionId] ??= Object.freeze([
    Object.freeze({ kind: "route", pool: functionPoolId(functionId) }),
  ]));
}
