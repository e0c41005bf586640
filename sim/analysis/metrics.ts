/**
 * Code metrics from a tree-sitter syntax tree, per function and for the
 * file: cyclomatic complexity (McCabe), cognitive complexity (SonarSource's
 * rules, simplified), nesting depth, loop nesting and the Big-O it
 * suggests, Halstead volume, data-structure use and growth inside loops,
 * external dependencies, recursion, and IO, network and locking sites.
 */
import type { Node } from "web-tree-sitter";
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
  node: Node;
  decisions: number;
  cognitive: number;
  maxNesting: number;
  loopNesting: number;
  /** Nesting of the loops whose trip count is not fixed by literals: what Big-O counts. */
  scalingLoopNesting: number;
  collections: number;
  growthInLoops: number;
  externalCalls: number;
  selfCalls: number;
  /** Calls to functions that may be this file's own, and the scaling loops around each. */
  localCalls: { name: string; depth: number }[];
  ioCalls: number;
  networkCalls: number;
  criticalSections: number;
  operators: Map<string, number>;
  operands: Map<string, number>;
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
    node,
    decisions: 0,
    cognitive: 0,
    maxNesting: 0,
    loopNesting: 0,
    scalingLoopNesting: 0,
    collections: 0,
    growthInLoops: 0,
    externalCalls: 0,
    selfCalls: 0,
    localCalls: [],
    ioCalls: 0,
    networkCalls: 0,
    criticalSections: 0,
    operators: new Map(),
    operands: new Map(),
  };
}

function functionName(node: Node): string {
  const own = node.childForFieldName("name")?.text;
  if (own) return own;
  // const f = () => ...; f = lambda: ...
  const parent = node.parent;
  const holder = parent?.childForFieldName("name") ?? parent?.childForFieldName("left");
  return holder && holder.id !== node.id ? holder.text : "<anonymous>";
}

/** The called name and the identifier it hangs off (for `a.b.c()`: "c" and "a"). */
function callee(node: Node): { name: string; root: string } {
  // Ruby: `receiver.method`, or a bare `method`.
  const method = node.childForFieldName("method");
  if (method && node.type === "call") {
    const receiver = node.childForFieldName("receiver");
    return { name: method.text, root: receiver ? rootOf(receiver) : method.text };
  }
  const target =
    node.childForFieldName("function") ??
    node.childForFieldName("constructor") ??
    node.childForFieldName("type") ??
    node.childForFieldName("macro") ??
    node.childForFieldName("name");
  if (!target) return { name: "", root: "" };
  const object = node.childForFieldName("object");
  if (node.type === "method_invocation") {
    return { name: target.text, root: object ? rootOf(object) : "" };
  }
  const member =
    target.childForFieldName("property") ??
    target.childForFieldName("attribute") ??
    target.childForFieldName("field") ??
    // C#'s a.B and Rust's a::b name their last part `name`.
    (target.type === "member_access_expression" || target.type === "scoped_identifier"
      ? target.childForFieldName("name")
      : null);
  if (member) return { name: member.text, root: rootOf(target) };
  // `new java.util.ArrayList<>()`, `new List<int>()`: the type's own name.
  const parts = target.text.replace(/<.*$/s, "").split(/\.|::/);
  return { name: parts[parts.length - 1]!, root: parts[0]! };
}

function rootOf(node: Node): string {
  let n: Node = node;
  for (;;) {
    const inner =
      n.childForFieldName("object") ?? n.childForFieldName("operand") ?? n.firstNamedChild;
    if (!inner || inner.id === n.id || n.type === "identifier" || n.type === "package_identifier")
      return n.text;
    n = inner;
  }
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

export interface TreeMetrics {
  readonly functions: FunctionMetrics[];
  /** Names brought in by imports. */
  readonly importedNames: ReadonlySet<string>;
  readonly imports: number;
}

export function measureTree(root: Node, lang: LanguageSpec): TreeMetrics {
  const importedNames = new Set<string>();
  let imports = 0;
  // Imports first, so calls anywhere in the file can be matched to them.
  const collectImports = (node: Node) => {
    const importCall =
      lang.importCalls !== undefined &&
      lang.calls.has(node.type) &&
      lang.importCalls.has(callee(node).name);
    if (lang.imports.has(node.type) || importCall) {
      imports++;
      for (const name of importNames(node, lang)) importedNames.add(name);
      return;
    }
    for (const c of node.namedChildren) if (c) collectImports(c);
  };
  collectImports(root);

  const done: { acc: Acc; metrics: Omit<FunctionMetrics, "bigO"> }[] = [];
  const moduleAcc = newAcc("<module>", root);
  const finish = (a: Acc) => {
    const n1 = a.operators.size;
    const n2 = a.operands.size;
    let N = 0;
    for (const v of a.operators.values()) N += v;
    for (const v of a.operands.values()) N += v;
    const vocabulary = n1 + n2;
    done.push({
      acc: a,
      metrics: {
        name: a.name,
        startLine: a.node.startPosition.row + 1,
        endLine: a.node.endPosition.row + 1,
        cyclomatic: 1 + a.decisions,
        cognitive: a.cognitive + a.selfCalls,
        maxNesting: a.maxNesting,
        loopNesting: a.loopNesting,
        halsteadVolume: vocabulary > 1 ? N * Math.log2(vocabulary) : 0,
        collections: a.collections,
        growthInLoops: a.growthInLoops,
        externalCalls: a.externalCalls,
        recursive: a.selfCalls > 0,
        ioCalls: a.ioCalls,
        networkCalls: a.networkCalls,
        criticalSections: a.criticalSections,
      },
    });
  };

  const walk = (
    node: Node,
    acc: Acc,
    nesting: number,
    loops: number,
    scaling: number,
    elseIf: boolean,
  ) => {
    const t = node.type;
    if (node !== acc.node && lang.functions.has(t)) {
      const inner = newAcc(functionName(node), node);
      for (const c of node.children) if (c) walk(c, inner, 0, 0, 0, false);
      finish(inner);
      return;
    }
    // [f(x, y) for x in xs for y in ys]: the tree has the clauses beside the
    // element, but the element runs inside every clause, and each inside the last.
    if (COMPREHENSIONS.has(t)) {
      if (lang.collections.has(t)) {
        acc.collections++;
        if (loops > 0) acc.growthInLoops++;
      }
      let [inLoops, inScaling] = [loops, scaling];
      for (const c of node.namedChildren) {
        if (c?.type !== "for_in_clause") continue;
        walk(c, acc, nesting, inLoops, inScaling, false);
        inLoops++;
        if (!runsFixedTimes(c)) inScaling++;
      }
      for (const c of node.children)
        if (c && c.type !== "for_in_clause") walk(c, acc, nesting, inLoops, inScaling, false);
      return;
    }
    if (node.childCount === 0) {
      if (!IGNORED_LEAVES.has(t)) {
        const bag = OPERAND_TYPES.has(t) ? acc.operands : acc.operators;
        const key = OPERAND_TYPES.has(t) ? node.text : t;
        bag.set(key, (bag.get(key) ?? 0) + 1);
      }
      return;
    }
    let childNesting = nesting;
    let childLoops = loops;
    let childScaling = scaling;
    const isLoop = lang.loops.has(t) || isIteration(node, lang);
    if (lang.branches.has(t) || isLoop) {
      acc.decisions++;
      // An `else if` continues a chain: one increment, no extra nesting.
      const chained = elseIf || t === "elif_clause" || t === "elsif";
      acc.cognitive += chained ? 1 : 1 + nesting;
      if (!chained && !TERNARIES.has(t)) childNesting = nesting + 1;
      acc.maxNesting = Math.max(acc.maxNesting, childNesting);
      if (isLoop) {
        childLoops = loops + 1;
        acc.loopNesting = Math.max(acc.loopNesting, childLoops);
        if (!runsFixedTimes(node)) {
          childScaling = scaling + 1;
          acc.scalingLoopNesting = Math.max(acc.scalingLoopNesting, childScaling);
        }
      }
    } else if (lang.logical.has(t)) {
      const op =
        node.childForFieldName("operator")?.type ??
        node.children.find((c) => c && lang.logicalOperators.has(c.type))?.type;
      if (op && lang.logicalOperators.has(op)) {
        acc.decisions++;
        const parentOp = node.parent?.childForFieldName("operator")?.type;
        if (parentOp !== op) acc.cognitive++;
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
      if (importedNames.has(root) || importedNames.has(name)) acc.externalCalls++;
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
      if (
        NETWORK_CALLS.has(name) ||
        (NETWORK_FUNCTIONS.has(name) && root === name) ||
        (NETWORK_MODULES.has(root) && importedNames.has(root))
      )
        acc.networkCalls++;
      if (LOCK_CALLS.has(name)) acc.criticalSections++;
    }
    const children = node.children;
    for (let i = 0; i < children.length; i++) {
      const c = children[i];
      if (!c) continue;
      // `else if` continues a chain: an if inside an else_clause (JS, Rust),
      // or an if that is its if's alternative itself (Java, Go, C#).
      const chain =
        (t === "else_clause" && IFS.has(c.type)) ||
        (IFS.has(t) && IFS.has(c.type) && node.childForFieldName("alternative")?.id === c.id);
      walk(c, acc, chain ? nesting : childNesting, childLoops, childScaling, chain);
    }
  };
  walk(root, moduleAcc, 0, 0, 0, false);
  finish(moduleAcc);
  const nesting = composedNesting(done.map((d) => d.acc));
  // Source order: <module> first, then functions by position.
  const functions = done
    .map(({ acc, metrics }) => ({ ...metrics, bigO: bigO(nesting.get(acc)!, acc.selfCalls) }))
    .sort((a, b) =>
      a.name === "<module>" ? -1 : b.name === "<module>" ? 1 : a.startLine - b.startLine,
    );
  return { functions, importedNames, imports };
}

function importNames(node: Node, lang: LanguageSpec): string[] {
  switch (lang.name) {
    case "go": {
      const alias = node.childForFieldName("name")?.text;
      const path = node.childForFieldName("path")?.text.replace(/["`]/g, "") ?? "";
      return [alias ?? path.split("/").pop() ?? path];
    }
    case "java": {
      const parts = node.text
        .replace(/^import\s+(static\s+)?/, "")
        .replace(/;$/, "")
        .split(".");
      return [
        parts[parts.length - 1] === "*" ? parts[parts.length - 2]! : parts[parts.length - 1]!,
      ];
    }
    case "ruby": {
      // require "net/http": the constants it brings are spelled Net, HTTP; "json": JSON.
      const path =
        node.childForFieldName("arguments")?.namedChildren[0]?.text.replace(/["']/g, "") ?? "";
      const camel = (s: string) =>
        s.replace(/(^|_)([a-z])/g, (_, __, c: string) => c.toUpperCase());
      return path.split("/").flatMap((part) => [camel(part), part.toUpperCase()]);
    }
    case "csharp": {
      // `using A.B.C;` brings C's members; `using X = A.B;` names X.
      const alias = node.childForFieldName("name")?.text;
      const parts = node.text
        .replace(/^(global\s+)?using\s+(static\s+)?/, "")
        .replace(/;$/, "")
        .split("=")
        .pop()!
        .trim()
        .split(".");
      return [alias ?? parts[parts.length - 1]!];
    }
    case "rust": {
      // `use a::b::c;`, `use a::{b, c as d};`, `use a::b::*;` bind c; b, d; b.
      const names: string[] = [];
      const visit = (n: Node): void => {
        switch (n.type) {
          case "use_as_clause":
            names.push(n.childForFieldName("alias")?.text ?? "");
            return;
          case "scoped_identifier":
            names.push(n.childForFieldName("name")?.text ?? "");
            return;
          case "identifier":
            names.push(n.text);
            return;
          case "scoped_use_list": {
            const list = n.childForFieldName("list");
            for (const c of list?.namedChildren ?? []) if (c) visit(c);
            return;
          }
          case "use_wildcard": {
            // `a::b::*`: what it brings is reached through b.
            const path = n.firstNamedChild;
            if (path) visit(path);
            return;
          }
          default:
            for (const c of n.namedChildren) if (c) visit(c);
        }
      };
      const argument = node.childForFieldName("argument");
      if (argument) visit(argument);
      return names.filter((x) => x !== "" && x !== "self" && x !== "crate" && x !== "super");
    }
    default: {
      // Every identifier an import statement binds, minus the module path.
      const names: string[] = [];
      const visit = (n: Node) => {
        if (n.type === "identifier" || n.type === "dotted_name") {
          if (n.parent?.type !== "dotted_name") names.push(n.text.split(".")[0]!);
        }
        for (const c of n.namedChildren) if (c && c.type !== "string") visit(c);
      };
      visit(node);
      return names;
    }
  }
}
