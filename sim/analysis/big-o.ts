/**
 * The Big-O a function's shape suggests: its loops that scale with the
 * input, its recursion, and the loops of the file's own functions it calls.
 */

/** What the estimate reads of one function. */
export interface FunctionLoops {
  readonly name: string;
  /** Nesting of its loops whose trip count grows with the input. */
  readonly scalingLoopNesting: number;
  /** Calls to functions that may be the file's own, with the scaling loops around each. */
  readonly localCalls: readonly { readonly name: string; readonly depth: number }[];
}

/**
 * An estimate from the shape of the code: nested loops multiply (those that
 * run a fixed number of times, like a 3x3 kernel's, do not count); a function
 * that calls itself twice is divide-and-conquer (n log n) when it also
 * loops over its input, and branching recursion (2^n) when it does not.
 */
export function bigO(loopNesting: number, selfCalls: number): string {
  if (selfCalls >= 2) return loopNesting > 0 ? "O(n log n)" : "O(2^n)";
  const k = loopNesting + (selfCalls > 0 ? 1 : 0);
  return k === 0 ? "O(1)" : k === 1 ? "O(n)" : `O(n^${k})`;
}

/**
 * The scaling loop nesting of each function with the file's own functions
 * it calls folded in: a loop around a call to a helper that loops is two
 * deep, and divide and conquer whose merge is a helper loops once. Calls
 * within a group of functions that call each other (a recursive-descent
 * parser's expr, term and factor) are recursion, not nesting: only calls
 * out of the group fold in.
 */
export function composedNesting<F extends FunctionLoops>(functions: readonly F[]): Map<F, number> {
  const byName = new Map<string, F[]>();
  for (const f of functions) {
    const named = byName.get(f.name);
    if (named) named.push(f);
    else byName.set(f.name, [f]);
  }
  const callees = new Map(
    functions.map((f) => [
      f,
      f.localCalls.flatMap((c) => (byName.get(c.name) ?? []).map((to) => ({ to, depth: c.depth }))),
    ]),
  );
  const group = stronglyConnected(functions, (f) => callees.get(f)!.map((c) => c.to));
  const nesting = new Map<F, number>();
  // Groups come callees first (Tarjan's order), so every call out is known.
  for (const members of group.order) {
    for (const f of members) {
      let n = f.scalingLoopNesting;
      for (const { to, depth } of callees.get(f)!)
        if (group.of.get(to) !== group.of.get(f)) n = Math.max(n, depth + nesting.get(to)!);
      nesting.set(f, n);
    }
  }
  return nesting;
}

/**
 * Tarjan's strongly connected components: each node's component, components
 * callees first. Iterative: a chain of thousands of calls is a file's right.
 */
function stronglyConnected<T>(
  nodes: readonly T[],
  next: (n: T) => readonly T[],
): { of: Map<T, number>; order: T[][] } {
  const index = new Map<T, number>();
  const low = new Map<T, number>();
  const stack: T[] = [];
  const onStack = new Set<T>();
  const of = new Map<T, number>();
  const order: T[][] = [];
  // The recursion's frames: a node and how many of its successors it has looked at.
  const path: { v: T; successors: readonly T[]; i: number }[] = [];
  const open = (v: T) => {
    index.set(v, index.size);
    low.set(v, index.get(v)!);
    stack.push(v);
    onStack.add(v);
    path.push({ v, successors: next(v), i: 0 });
  };
  for (const n of nodes) {
    if (index.has(n)) continue;
    open(n);
    while (path.length > 0) {
      const frame = path[path.length - 1]!;
      const v = frame.v;
      if (frame.i < frame.successors.length) {
        const w = frame.successors[frame.i++]!;
        if (!index.has(w)) open(w);
        else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, index.get(w)!));
        continue;
      }
      path.pop();
      if (low.get(v) === index.get(v)) {
        const members: T[] = [];
        for (let w = stack.pop()!; ; w = stack.pop()!) {
          onStack.delete(w);
          of.set(w, order.length);
          members.push(w);
          if (w === v) break;
        }
        order.push(members);
      }
      const caller = path[path.length - 1];
      if (caller) low.set(caller.v, Math.min(low.get(caller.v)!, low.get(v)!));
    }
  }
  return { of, order };
}
