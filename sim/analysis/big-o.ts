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
 *
 * A call reaches every function of its name, so the names are nodes of the
 * call graph too (f -> name -> each function so named): the groups are the
 * same, and the edges grow with the calls and functions, not with their
 * product when a thousand classes each have an `add` calling `add`.
 */
export function composedNesting<F extends FunctionLoops>(functions: readonly F[]): Map<F, number> {
  const n = functions.length;
  const byName = new Map<string, number[]>();
  functions.forEach((f, i) => {
    const named = byName.get(f.name);
    if (named) named.push(i);
    else byName.set(f.name, [i]);
  });
  const names = [...byName.keys()];
  const nameNode = new Map(names.map((name, k) => [name, n + k]));
  const successors = (v: number): readonly number[] =>
    v < n
      ? [...new Set(functions[v]!.localCalls.flatMap((c) => nameNode.get(c.name) ?? []))]
      : byName.get(names[v - n]!)!;
  const nesting = new Map<F, number>();
  // The deepest nesting among the functions of each name in groups done so far.
  const deepestNamed = new Map<string, number>();
  // Groups come callees first (Tarjan's order), so every call out of a group is known,
  // and a group's own functions join the names only after the group is done.
  for (const group of stronglyConnected(n + names.length, successors)) {
    const members = group.filter((v) => v < n).map((v) => functions[v]!);
    for (const f of members) {
      let k = f.scalingLoopNesting;
      for (const { name, depth } of f.localCalls) {
        const deepest = deepestNamed.get(name);
        if (deepest !== undefined) k = Math.max(k, depth + deepest);
      }
      nesting.set(f, k);
    }
    for (const f of members)
      deepestNamed.set(f.name, Math.max(deepestNamed.get(f.name) ?? 0, nesting.get(f)!));
  }
  return nesting;
}

/**
 * Tarjan's strongly connected components of the nodes 0..count-1, each
 * component after every component it reaches. Iterative: a chain of
 * thousands of calls is a file's right.
 */
function stronglyConnected(count: number, next: (v: number) => readonly number[]): number[][] {
  const index = new Int32Array(count).fill(-1);
  const low = new Int32Array(count);
  const onStack = new Uint8Array(count);
  const stack: number[] = [];
  const order: number[][] = [];
  let visited = 0;
  // The recursion's frames: a node and how many of its successors it has looked at.
  const path: { v: number; successors: readonly number[]; i: number }[] = [];
  const open = (v: number) => {
    index[v] = low[v] = visited++;
    stack.push(v);
    onStack[v] = 1;
    path.push({ v, successors: next(v), i: 0 });
  };
  for (let root = 0; root < count; root++) {
    if (index[root] !== -1) continue;
    open(root);
    while (path.length > 0) {
      const frame = path[path.length - 1]!;
      const v = frame.v;
      if (frame.i < frame.successors.length) {
        const w = frame.successors[frame.i++]!;
        if (index[w] === -1) open(w);
        else if (onStack[w]) low[v] = Math.min(low[v]!, index[w]!);
        continue;
      }
      path.pop();
      if (low[v] === index[v]) {
        const members: number[] = [];
        for (let w = stack.pop()!; ; w = stack.pop()!) {
          onStack[w] = 0;
          members.push(w);
          if (w === v) break;
        }
        order.push(members);
      }
      const caller = path[path.length - 1];
      if (caller) low[caller.v] = Math.min(low[caller.v]!, low[v]!);
    }
  }
  return order;
}
