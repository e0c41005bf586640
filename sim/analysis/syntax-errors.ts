/** Parts of a file tree-sitter could not parse, counted without recursion (files nest deeply). */
import type { Node } from "web-tree-sitter";

/** ERROR nodes, looked for only under nodes that contain one. */
export function countSyntaxErrors(root: Node): number {
  let errors = 0;
  const pending: Node[] = [root];
  for (let n = pending.pop(); n; n = pending.pop()) {
    if (n.type === "ERROR") errors++;
    else if (n.hasError) for (const c of n.namedChildren) if (c) pending.push(c);
  }
  return errors;
}
