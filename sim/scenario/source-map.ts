/**
 * Where things are in a YAML document: line and column of the node at a
 * path, or of the nearest ancestor that exists.
 */
import { isMap, isSeq, LineCounter, type Document, type Node } from "yaml";
import type { PathKey } from "./issues.js";

export class SourceMap {
  constructor(
    private readonly doc: Document,
    private readonly lines: LineCounter,
  ) {}

  /** Position of the value at `path`; with `key`, of that key inside the map at `path`. */
  locate(path: readonly PathKey[], key?: string): { line: number; column: number } {
    let node: unknown = this.doc.contents;
    let found = node as Node | null;
    for (const k of path) {
      const next = child(node, k);
      if (next === undefined) break;
      node = next;
      if (next && typeof next === "object" && "range" in next) found = next as Node;
    }
    if (key !== undefined && isMap(node)) {
      const pair = node.items.find((p) => (p.key as { value?: unknown } | null)?.value === key);
      const keyNode = pair?.key as Node | undefined;
      if (keyNode?.range) return this.position(keyNode.range[0]);
    }
    return found?.range ? this.position(found.range[0]) : { line: 1, column: 1 };
  }

  private position(offset: number): { line: number; column: number } {
    const p = this.lines.linePos(offset);
    return { line: p.line, column: p.col };
  }
}

function child(node: unknown, key: PathKey): unknown {
  if (isMap(node)) {
    const pair = node.items.find((p) => (p.key as { value?: unknown } | null)?.value === key);
    return pair ? pair.value : undefined;
  }
  if (isSeq(node) && typeof key === "number") return node.items[key];
  return undefined;
}
