/** Names in a syntax tree: what a call calls, and what a function is called. */
import type { Node } from "web-tree-sitter";

/** The called name and the identifier it hangs off (for `a.b.c()`: "c" and "a"). */
export function callee(node: Node): { name: string; root: string } {
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

/**
 * A function's own name, or that of what it is assigned to (`const f = () =>
 * ...`, `f = lambda: ...`); `parent` is the node holding it, passed in
 * because tree-sitter finds a parent by searching down from the root.
 */
export function functionName(node: Node, parent: Node | null): string {
  const own = node.childForFieldName("name")?.text;
  if (own) return own;
  const holder = parent?.childForFieldName("name") ?? parent?.childForFieldName("left");
  return holder && holder.id !== node.id ? holder.text : "<anonymous>";
}
