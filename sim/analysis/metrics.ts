/**
 * Code metrics from a tree-sitter syntax tree, per function and for the
 * file: cyclomatic complexity (McCabe), cognitive complexity (SonarSource's
 * rules, simplified), nesting depth, loop nesting and the Big-O it
 * suggests, Halstead volume, data-structure use and growth inside loops,
 * external dependencies, recursion, and IO, network and locking sites.
 *
 * One pass over the tree, without recursion and with a tree cursor: files
 * nest thousands deep, and a node object made for every node (and kept by
 * its parent) costs more than the parse. Nodes are made only where a rule
 * reads their fields.
 */
import type { Node, TreeCursor } from "web-tree-sitter";
import {
  GROWTH_METHODS,
  IO_CALLS,
  LOCK_CALLS,
  NETWORK_CALLS,
  NETWORK_FUNCTIONS,
  NETWORK_MODULES,
  type LanguageSpec,
} from "./languages.js";
import { bigO, composedNesting } from "./big-o.js";
import { callee, functionName } from "./callee.js";
import { importNames, isImport, mayImport } from "./imports.js";
import { runsFixedTimes } from "./loop-bounds.js";

export interface FunctionMetrics {
  readonly name: string;
  readonly startLine: number;
  readonly endLine: number;
  readonly cyclomatic: number;
  readonly cognitive: number;
  readonly maxNesting: number;
  readonly loopNesting: number;
  readonly bigO: string;
  readonly halsteadVolume: number;
  /** Collections allocated (literals, comprehensions, constructors). */
  readonly collections: number;
  /** Collections allocated, or grown (push/append/...), inside loops. */
  readonly growthInLoops: number;
  /** Calls into imported modules. */
  readonly externalCalls: number;
  readonly recursive: boolean;
  readonly ioCalls: number;
  readonly networkCalls: number;
  readonly criticalSections: number;
}

interface Acc {
  name: string;
  startLine: number;
  endLine: number;
  decisions: number;
  cognitive: number;
  maxNesting: number;
  loopNesting: number;
  /** Nesting of the loops whose trip count is not fixed by literals: what Big-O counts. */
  scalingLoopNesting: number;
  collections: number;
  growthInLoops: number;
  selfCalls: number;
  /** Calls to functions that may be this file's own, and the scaling loops around each. */
  localCalls: { name: string; depth: number }[];
  ioCalls: number;
  networkCalls: number;
  criticalSections: number;
  operators: Map<string, number>;
  operands: Map<string, number>;
  /**
   * Each call's name and root, flat: whether a call is external is known
   * once the whole file's imports are (an import may come after the call).
   */
  calls: string[];
  /** Roots of calls that reach the network if the root is an imported module. */
  moduleCallRoots: string[];
}

const OPERAND_TYPES = new Set([
  "identifier",
  "property_identifier",
  "field_identifier",
  "type_identifier",
  "shorthand_property_identifier",
  "number",
  "integer",
  "float",
  "string",
  "string_fragment",
  "string_content",
  "int_literal",
  "float_literal",
  "interpreted_string_literal",
  "raw_string_literal",
  "decimal_integer_literal",
  "decimal_floating_point_literal",
  "string_literal",
  "character_literal",
  "true",
  "false",
  "null",
  "none",
  "nil",
  "undefined",
  "package_identifier",
]);
const IGNORED_LEAVES = new Set([
  "(",
  ")",
  "{",
  "}",
  "[",
  "]",
  ",",
  ";",
  ":",
  ".",
  "comment",
  "line_comment",
  "block_comment",
  '"',
  "'",
  "`",
]);

function newAcc(name: string, node: Node): Acc {
  return {
    name,
    startLine: node.startPosition.row + 1,
    endLine: node.endPosition.row + 1,
    decisions: 0,
    cognitive: 0,
    maxNesting: 0,
    loopNesting: 0,
    scalingLoopNesting: 0,
    collections: 0,
    growthInLoops: 0,
    selfCalls: 0,
    localCalls: [],
    ioCalls: 0,
    networkCalls: 0,
    criticalSections: 0,
    operators: new Map(),
    operands: new Map(),
    calls: [],
    moduleCallRoots: [],
  };
}

const IFS = new Set(["if_statement", "if_expression"]);
const COMPREHENSIONS = new Set([
  "list_comprehension",
  "set_comprehension",
  "dictionary_comprehension",
  "generator_expression",
]);
const TERNARIES = new Set(["ternary_expression", "conditional_expression", "conditional"]);

/** A call that loops over its receiver: a known iterator given a block (Ruby). */
function isIteration(node: Node, lang: LanguageSpec): boolean {
  return (
    lang.iterators !== undefined &&
    lang.calls.has(node.type) &&
    node.childForFieldName("block") !== null &&
    lang.iterators.has(node.childForFieldName("method")?.text ?? "")
  );
}

/**
 * A leaf: a Halstead operand (names, literals, by their text) or operator
 * (keywords, symbols, by their type); punctuation is neither.
 */
function countToken(acc: Acc, type: string, text: () => string): void {
  if (IGNORED_LEAVES.has(type)) return;
  const operand = OPERAND_TYPES.has(type);
  const bag = operand ? acc.operands : acc.operators;
  const key = operand ? text() : type;
  bag.set(key, (bag.get(key) ?? 0) + 1);
}

/** What a node is counted in, and how deep it sits. */
interface Context {
  acc: Acc;
  nesting: number;
  loops: number;
  scaling: number;
  /** The node continues an `else if` chain: one increment, no extra nesting. */
  elseIf: boolean;
  /** The node is inside an import, where no further import is looked for. */
  inImport: boolean;
}

/** A node on a walk's path: what it hands its children, and what leaving it finishes. */
interface Frame {
  type: string;
  acc: Acc;
  nesting: number;
  childAcc: Acc;
  childNesting: number;
  childLoops: number;
  childScaling: number;
  /** An if's `alternative` child (an if there continues the chain), or -1. */
  alternativeId: number;
  /** A logical node's operator: `a && b && c` counts once for cognitive complexity. */
  operator: string | undefined;
  /** The function this node opened, finished when the walk leaves the node. */
  opened: Acc | null;
  /** Counted only once it has children; a leaf counts as a token instead. */
  leafOrInner: boolean;
  inImport: boolean;
}

/**
 * A depth-first walk of one subtree with one cursor. A comprehension hands
 * its children, reordered, to walks of their own, run before this one
 * goes on, so no step recurses.
 */
interface Walk {
  readonly cursor: TreeCursor;
  /** The node above the walk's top, where a function at the top takes its name from. */
  readonly above: Node | null;
  readonly top: Context;
  /** The top is the tree's root, which no rule counts as a function. */
  readonly isRoot: boolean;
  readonly frames: Frame[];
  depth: number;
  state: "enter" | "descend" | "leave";
  /** The text of the node at the cursor, one function for the walk's every leaf. */
  readonly cursorText: () => string;
}

export interface TreeMetrics {
  readonly functions: FunctionMetrics[];
  /** Names brought in by imports. */
  readonly importedNames: ReadonlySet<string>;
  readonly imports: number;
}

export function measureTree(root: Node, lang: LanguageSpec): TreeMetrics {
  const importedNames = new Set<string>();
  let imports = 0;
  // Functions as the walk leaves them; measured once the walk has seen every import.
  const done: Acc[] = [];
  const measure = (a: Acc): Omit<FunctionMetrics, "bigO"> => {
    let externalCalls = 0;
    for (let i = 0; i < a.calls.length; i += 2)
      if (importedNames.has(a.calls[i + 1]!) || importedNames.has(a.calls[i]!)) externalCalls++;
    let networkCalls = a.networkCalls;
    for (const root of a.moduleCallRoots) if (importedNames.has(root)) networkCalls++;
    const n1 = a.operators.size;
    const n2 = a.operands.size;
    let N = 0;
    for (const v of a.operators.values()) N += v;
    for (const v of a.operands.values()) N += v;
    const vocabulary = n1 + n2;
    // One entry per local callee, at its deepest call: nesting reads only the deepest,
    // and a function calling a common name 1,000 times is one edge, not 1,000.
    const deepest = new Map<string, number>();
    for (const c of a.localCalls) deepest.set(c.name, Math.max(deepest.get(c.name) ?? 0, c.depth));
    a.localCalls = [...deepest].map(([name, depth]) => ({ name, depth }));
    return {
      name: a.name,
      startLine: a.startLine,
      endLine: a.endLine,
      cyclomatic: 1 + a.decisions,
      cognitive: a.cognitive + a.selfCalls,
      maxNesting: a.maxNesting,
      loopNesting: a.loopNesting,
      halsteadVolume: vocabulary > 1 ? N * Math.log2(vocabulary) : 0,
      collections: a.collections,
      growthInLoops: a.growthInLoops,
      externalCalls,
      recursive: a.selfCalls > 0,
      ioCalls: a.ioCalls,
      networkCalls,
      criticalSections: a.criticalSections,
    };
  };

  const walks: Walk[] = [];
  const startWalk = (top: Node, above: Node | null, context: Context, isRoot = false): Walk => {
    const cursor = top.walk();
    return {
      cursor,
      above,
      top: context,
      isRoot,
      frames: [],
      depth: 0,
      state: "enter",
      cursorText: () => cursor.nodeText,
    };
  };

  // The node above the cursor's, made only when a function needs its holder's name: a
  // spare cursor copies the walk's path and steps up (resetTo, as copy() in web-tree-sitter
  // 0.25 copies whatever cursor it last marshalled, not this one).
  const spare = root.walk();
  const parentNode = (w: Walk): Node | null => {
    if (w.depth === 0) return w.above;
    spare.resetTo(w.cursor);
    spare.gotoParent();
    return spare.currentNode;
  };

  // The parent's operator, read where it can equal a logical one: only logical nodes
  // have a logical operator, and their frames keep it.
  const parentOperator = (w: Walk): string | undefined => {
    if (w.depth > 0) return w.frames[w.depth - 1]!.operator;
    const above = w.above;
    return above && lang.logical.has(above.type)
      ? above.childForFieldName("operator")?.type
      : undefined;
  };

  // One context object, refilled for each node (read before the next is entered; a
  // comprehension copies what it hands on): a file has millions of nodes.
  const inherited = {} as Context;
  /** The context a node at the cursor inherits from its parent on the walk. */
  const contextOf = (w: Walk, type: string): Context => {
    if (w.depth === 0) return w.top;
    const p = w.frames[w.depth - 1]!;
    // `else if` continues a chain: an if inside an else_clause (JS, Rust),
    // or an if that is its if's alternative itself (Java, Go, C#).
    const chain =
      IFS.has(type) &&
      (p.type === "else_clause" || (p.alternativeId !== -1 && w.cursor.nodeId === p.alternativeId));
    inherited.acc = p.childAcc;
    inherited.nesting = chain ? p.nesting : p.childNesting;
    inherited.loops = p.childLoops;
    inherited.scaling = p.childScaling;
    inherited.elseIf = chain;
    inherited.inImport = p.inImport;
    return inherited;
  };

  /** Counts what a node with children adds when no rule needs the node itself. */
  const countInner = (f: Frame) => {
    if (lang.criticalSections.has(f.type)) {
      f.acc.criticalSections++;
    } else if (lang.collections.has(f.type)) {
      f.acc.collections++;
      if (f.childLoops > 0) f.acc.growthInLoops++;
    }
  };

  /** Sets up the frame of the node at the cursor; says whether to go below it. */
  const enter = (w: Walk): boolean => {
    const cursor = w.cursor;
    const t = cursor.nodeType;
    const cx = contextOf(w, t);
    const { acc, nesting, loops, scaling } = cx;
    let f = w.frames[w.depth];
    if (!f) w.frames.push((f = {} as Frame));
    f.type = t;
    f.acc = acc;
    f.nesting = nesting;
    f.childAcc = acc;
    f.childNesting = nesting;
    f.childLoops = loops;
    f.childScaling = scaling;
    f.alternativeId = -1;
    f.operator = undefined;
    f.opened = null;
    f.leafOrInner = false;
    f.inImport = cx.inImport;
    // Imports among the named nodes outside other imports (the tree's root counts as named).
    if (!cx.inImport && mayImport(t, lang) && ((w.isRoot && w.depth === 0) || cursor.nodeIsNamed)) {
      const node = cursor.currentNode;
      if (isImport(t, () => node, lang)) {
        imports++;
        for (const name of importNames(node, lang)) importedNames.add(name);
        f.inImport = true;
      }
    }

    if (!(w.isRoot && w.depth === 0) && lang.functions.has(t)) {
      const node = cursor.currentNode;
      const inner = newAcc(functionName(node, parentNode(w)), node);
      f.opened = inner;
      f.childAcc = inner;
      f.childNesting = f.childLoops = f.childScaling = 0;
      return true;
    }
    // [f(x, y) for x in xs for y in ys]: the tree has the clauses beside the
    // element, but the element runs inside every clause, and each inside the last.
    if (COMPREHENSIONS.has(t)) {
      if (lang.collections.has(t)) {
        acc.collections++;
        if (loops > 0) acc.growthInLoops++;
      }
      const node = cursor.currentNode;
      const parts: Walk[] = [];
      let [inLoops, inScaling] = [loops, scaling];
      const part = (c: Node) =>
        startWalk(c, node, {
          acc,
          nesting,
          loops: inLoops,
          scaling: inScaling,
          elseIf: false,
          inImport: f.inImport,
        });
      // Each clause nests inside the ones before it; the element inside them all.
      for (const c of node.namedChildren) {
        if (c?.type !== "for_in_clause") continue;
        parts.push(part(c));
        inLoops++;
        if (!runsFixedTimes(c)) inScaling++;
      }
      for (const c of node.children) if (c && c.type !== "for_in_clause") parts.push(part(c));
      for (let i = parts.length - 1; i >= 0; i--) walks.push(parts[i]!);
      return false;
    }
    const needsNode =
      lang.branches.has(t) ||
      lang.loops.has(t) ||
      lang.logical.has(t) ||
      lang.calls.has(t) ||
      IFS.has(t) ||
      (loops > 0 && lang.growthOperators !== undefined);
    if (!needsNode) {
      f.leafOrInner = true;
      return true;
    }
    const node = cursor.currentNode;
    if (node.childCount === 0) {
      countToken(acc, t, () => node.text);
      return false;
    }
    countNode(node, t, cx, f, w);
    return true;
  };

  /** The rules that read a node's fields: branches, loops, logical operators, calls. */
  const countNode = (node: Node, t: string, cx: Context, f: Frame, w: Walk) => {
    const { acc, nesting, loops, scaling, elseIf } = cx;
    if (IFS.has(t)) f.alternativeId = node.childForFieldName("alternative")?.id ?? -1;
    const isLoop = lang.loops.has(t) || isIteration(node, lang);
    if (lang.branches.has(t) || isLoop) {
      acc.decisions++;
      const chained = elseIf || t === "elif_clause" || t === "elsif";
      acc.cognitive += chained ? 1 : 1 + nesting;
      if (!chained && !TERNARIES.has(t)) f.childNesting = nesting + 1;
      acc.maxNesting = Math.max(acc.maxNesting, f.childNesting);
      if (isLoop) {
        f.childLoops = loops + 1;
        acc.loopNesting = Math.max(acc.loopNesting, f.childLoops);
        if (!runsFixedTimes(node)) {
          f.childScaling = scaling + 1;
          acc.scalingLoopNesting = Math.max(acc.scalingLoopNesting, f.childScaling);
        }
      }
    } else if (lang.logical.has(t)) {
      f.operator = node.childForFieldName("operator")?.type;
      const op =
        f.operator ?? node.children.find((c) => c && lang.logicalOperators.has(c.type))?.type;
      if (op && lang.logicalOperators.has(op)) {
        acc.decisions++;
        if (parentOperator(w) !== op) acc.cognitive++;
      }
    } else if (lang.criticalSections.has(t)) {
      acc.criticalSections++;
    } else if (lang.collections.has(t)) {
      acc.collections++;
      if (loops > 0) acc.growthInLoops++;
    }
    if (loops > 0 && lang.growthOperators?.has(node.childForFieldName("operator")?.type ?? "")) {
      acc.growthInLoops++;
    }
    // A call may be a loop too (Ruby's xs.each { ... }).
    if (lang.calls.has(t)) {
      const { name, root } = callee(node);
      if (name === acc.name && acc.name !== "<anonymous>" && acc.name !== "<module>")
        acc.selfCalls++;
      else if (root === name || root === "" || root === "this" || root === "self")
        acc.localCalls.push({ name, depth: scaling });
      acc.calls.push(name, root);
      // Vec::new(), HashMap::with_capacity(n): the type names the collection.
      const maker =
        lang.collectionMakers.has(name) ||
        ((name === "new" || name === "with_capacity") && lang.collectionMakers.has(root));
      if (maker) {
        acc.collections++;
        if (loops > 0) acc.growthInLoops++;
      } else if (loops > 0 && GROWTH_METHODS.has(name) && root !== name) {
        acc.growthInLoops++;
      }
      if (IO_CALLS.has(name)) acc.ioCalls++;
      if (NETWORK_CALLS.has(name) || (NETWORK_FUNCTIONS.has(name) && root === name))
        acc.networkCalls++;
      else if (NETWORK_MODULES.has(root)) acc.moduleCallRoots.push(root);
      if (LOCK_CALLS.has(name)) acc.criticalSections++;
    }
  };

  const moduleAcc = newAcc("<module>", root);
  walks.push(
    startWalk(
      root,
      null,
      { acc: moduleAcc, nesting: 0, loops: 0, scaling: 0, elseIf: false, inImport: false },
      true,
    ),
  );
  try {
    while (walks.length > 0) {
      const w = walks[walks.length - 1]!;
      const cursor = w.cursor;
      switch (w.state) {
        case "enter":
          // Set before enter: a comprehension pushes walks to run first, and this one then leaves it.
          w.state = "leave";
          if (enter(w)) w.state = "descend";
          break;
        case "descend": {
          const f = w.frames[w.depth]!;
          if (cursor.gotoFirstChild()) {
            if (f.leafOrInner) countInner(f);
            w.depth++;
            w.state = "enter";
          } else {
            if (f.leafOrInner) countToken(f.acc, f.type, w.cursorText);
            w.state = "leave";
          }
          break;
        }
        case "leave": {
          const f = w.frames[w.depth]!;
          if (f.opened) done.push(f.opened);
          if (w.depth === 0) {
            walks.pop();
            cursor.delete();
          } else if (cursor.gotoNextSibling()) {
            w.state = "enter";
          } else {
            cursor.gotoParent();
            w.depth--;
          }
          break;
        }
      }
    }
  } finally {
    for (const w of walks) w.cursor.delete();
    spare.delete();
  }
  done.push(moduleAcc);
  const measured = done.map((acc) => ({ acc, metrics: measure(acc) }));
  const nesting = composedNesting(done);
  // Source order: <module> first, then functions by position.
  const functions = measured
    .map(({ acc, metrics }) => ({ ...metrics, bigO: bigO(nesting.get(acc)!, acc.selfCalls) }))
    .sort((a, b) =>
      a.name === "<module>" ? -1 : b.name === "<module>" ? 1 : a.startLine - b.startLine,
    );
  return { functions, importedNames, imports };
}
