/**
 * Which loops run a number of times the input does not change: those a
 * Big-O estimate leaves out. Literal bounds from literal starts, a tile's
 * steps, and each grammar's spelling of them (Python's range, Rust's and
 * Ruby's ranges, Ruby's 3.times).
 */
import type { Node } from "web-tree-sitter";

const BINARIES = new Set(["binary_expression", "binary_operator", "binary"]);
const NUMBER_LITERALS = new Set([
  "number",
  "integer",
  "int_literal",
  "integer_literal",
  "decimal_integer_literal",
]);
const COMPARISONS = new Set(["<", "<=", ">", ">=", "!="]);

const isNumber = (n: Node | null): boolean =>
  !!n &&
  (NUMBER_LITERALS.has(n.type) ||
    ((n.type === "unary_expression" || n.type === "unary_operator") &&
      NUMBER_LITERALS.has(n.lastNamedChild?.type ?? "")));

/**
 * A loop whose trip count literals fix: `for (k = 0; k < 3; k++)` and its Go
 * and Java forms, `for k in range(-1, 2)` in Python; or one that walks a
 * tile, at most a constant number of steps from where it starts:
 * `for (i = ii; i < Math.min(ii + B, n); i++)`, `range(ii, min(ii + B, n))`,
 * `ii..(ii + B).min(n)` in Rust.
 * Its work does not grow with the input, whatever it nests (the loop over
 * the tiles does).
 */
export function runsFixedTimes(loop: Node): boolean {
  const value = loop.childForFieldName("value");
  if (value && loop.type === "for_expression") return rustRangeFixed(value);
  if (value?.type === "in") return rubyRangeFixed(value.firstNamedChild); // for i in 0..3
  // Ruby: 3.times { }, 0.upto(2) { }, (0...3).each { }.
  const method = loop.childForFieldName("method");
  if (method && loop.childForFieldName("block")) {
    const receiver = loop.childForFieldName("receiver");
    const args = loop.childForFieldName("arguments")?.namedChildren ?? [];
    if (receiver?.type === "parenthesized_statements")
      return rubyRangeFixed(receiver.firstNamedChild);
    return isNumber(receiver) && args.every((a) => isNumber(a));
  }
  const iterable = loop.childForFieldName("right");
  if (iterable?.type === "call") {
    if (iterable.childForFieldName("function")?.text !== "range") return false;
    const args = iterable.childForFieldName("arguments")?.namedChildren ?? [];
    if (args.length > 0 && args.every((a) => isNumber(a))) return true;
    return args.length >= 2 && withinTile(args[1]!, args[0]!.text);
  }
  const clause = loop.namedChildren.find((c) => c?.type === "for_clause") ?? loop;
  let condition = clause.childForFieldName("condition");
  if (condition?.type === "expression_statement") condition = condition.firstNamedChild;
  if (condition?.type !== "binary_expression") return false;
  const op = condition.childForFieldName("operator")?.type;
  const left = condition.childForFieldName("left");
  const right = condition.childForFieldName("right");
  if (op === undefined || !COMPARISONS.has(op)) return false;
  // A literal bound fixes the trip count only from a literal start:
  // `for (k = 0; k < 3; k++)` is, `for (i = n; i >= 0; i--)` and `while (x > 0)` are not.
  if (
    (isNumber(right) && left?.type === "identifier") ||
    (isNumber(left) && right?.type === "identifier")
  )
    return startsAtLiteral(clause);
  const start = startOf(clause);
  return (
    (op === "<" || op === "<=") &&
    left?.type === "identifier" &&
    !!right &&
    start !== undefined &&
    withinTile(right, start)
  );
}

/**
 * Rust: `for i in 0..3`, `for i in ii..min(ii + B, n)`. The grammar binds
 * `..` tighter than Rust does, so `jj..jj + 16` arrives as `(jj..jj) + 16`
 * and `ii..(ii + B).min(n)` as `(ii..(ii + B)).min(n)`: read as written.
 */
function rustRangeFixed(value: Node): boolean {
  if (value.type === "range_expression") {
    const [start, end] = value.namedChildren;
    return !!start && !!end && ((isNumber(start) && isNumber(end)) || withinTile(end, start.text));
  }
  const left = value.childForFieldName("left");
  if (value.type === "binary_expression" && left?.type === "range_expression") {
    const [start, end] = left.namedChildren;
    const right = value.childForFieldName("right");
    if (!start || !end || value.childForFieldName("operator")?.type !== "+") return false;
    return (
      (isNumber(start) && isNumber(end) && isNumber(right)) ||
      (end.text === start.text && isStep(right))
    );
  }
  const fn = value.childForFieldName("function");
  const range = fn?.childForFieldName("value");
  if (fn?.childForFieldName("field")?.text === "min" && range?.type === "range_expression") {
    const [start, end] = range.namedChildren;
    if (!start || !end) return false;
    const args = value.childForFieldName("arguments")?.namedChildren ?? [];
    return [end, ...args].some((a) => !!a && withinTile(a, start.text));
  }
  return false;
}

/** A Ruby range of literals (0..3), or over a tile: (ii...[ii + B, n].min), (jj...jj + 16). */
function rubyRangeFixed(range: Node | null): boolean {
  if (range?.type !== "range") return false;
  const [begin, end] = [range.childForFieldName("begin"), range.childForFieldName("end")];
  return (isNumber(begin) && isNumber(end)) || (!!begin && !!end && withinTile(end, begin.text));
}

/** The text of a C-style loop's initializer (`let k = 0`, `i := ii`, `int i = ii;`). */
function initOf(clause: Node): string {
  return (clause.childForFieldName("initializer") ?? clause.childForFieldName("init"))?.text ?? "";
}

/** A C-style loop whose variable starts at a number (`let k = 0`, `dy := -1`). */
function startsAtLiteral(clause: Node): boolean {
  return /=\s*-?\s*\d+(\.\d+)?\s*;?\s*$/.test(initOf(clause));
}

/** The name a C-style loop's variable starts from (`let i = ii`, `i := ii`). */
function startOf(clause: Node): string | undefined {
  return /=\s*([A-Za-z_$][\w$]*)\s*;?\s*$/.exec(initOf(clause))?.[1];
}

/** A named constant, by the convention of every language here: B, TILE, BLOCK_SIZE. */
const CONSTANT = /^[A-Z][A-Z0-9_]*$/;

/**
 * `start + C`, or a min() with it among its arguments (or as its receiver),
 * C a number or a constant; parentheses and nested min()s are looked through
 * without recursion.
 */
function withinTile(bound: Node, start: string): boolean {
  const pending: Node[] = [bound];
  for (let b = pending.pop(); b; b = pending.pop()) {
    if (b.type === "parenthesized_expression" && b.firstNamedChild) {
      pending.push(b.firstNamedChild);
      continue;
    }
    const fn =
      b.childForFieldName("function") ??
      b.childForFieldName("name") ??
      b.childForFieldName("method");
    if (fn && /(^|\.|::)min$/i.test(fn.text)) {
      const args = [...(b.childForFieldName("arguments")?.namedChildren ?? [])];
      // Rust's (ii + B).min(n), Ruby's [ii + B, n].min: the receiver counts too.
      const receiver = fn.childForFieldName("value") ?? b.childForFieldName("receiver");
      if (receiver?.type === "array") args.push(...receiver.namedChildren);
      else if (receiver) args.push(receiver);
      for (const a of args) {
        const inner = a?.type === "argument" ? a.firstNamedChild : a;
        if (inner) pending.push(inner);
      }
      continue;
    }
    if (!BINARIES.has(b.type)) continue;
    if (b.childForFieldName("operator")?.type !== "+") continue;
    const [x, y] = [b.childForFieldName("left"), b.childForFieldName("right")];
    if ((x?.text === start && isStep(y)) || (y?.text === start && isStep(x))) return true;
  }
  return false;
}

/** A tile's size: a number or a named constant. */
function isStep(n: Node | null): boolean {
  // Ruby parses B as a constant, every other grammar as an identifier.
  return (
    isNumber(n) || ((n?.type === "identifier" || n?.type === "constant") && CONSTANT.test(n.text))
  );
}
