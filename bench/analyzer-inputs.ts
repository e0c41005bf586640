/**
 * A generated JavaScript file of a given size, for the analyzer's cost:
 * imports, then a mix of what real code holds (functions and arrow
 * functions calling one another, nested loops, if/else-if chains, logical
 * operators, classes with methods, object and array literals, closures).
 * Deterministic: the same size gives the same bytes.
 */
export function generatedJs(bytes: number): string {
  const parts: string[] = [
    'import { readFile } from "node:fs/promises";\n',
    'import * as path from "node:path";\n',
    'import axios from "axios";\n',
  ];
  let size = parts.reduce((a, p) => a + p.length, 0);
  for (let i = 0; size < bytes; i++) {
    const part = unit(i);
    parts.push(part);
    size += part.length;
  }
  return parts.join("");
}

function unit(i: number): string {
  const prev = `step${Math.max(0, i - 1)}`;
  switch (i % 4) {
    case 0:
      return `export function step${i}(xs, n, opts = {}) {
  const out = [];
  for (let k = 0; k < n; k++) {
    if (xs[k] > ${i} && xs[k] < n) {
      out.push(xs[k] * 2);
    } else if (xs[k] === ${i} || opts.strict) {
      out.push(${prev}(xs, k));
    } else {
      for (const y of xs) {
        while (y > 0 && out.length < n) { out.push(new Map([[y, k]])); break; }
      }
    }
  }
  return out.length ? path.join(String(out.length), "${i}") : null;
}
`;
    case 1:
      return `export const step${i} = async (file, retries = ${i % 5}) => {
  const text = await readFile(file, "utf8");
  const counts = {};
  for (const line of text.split("\\n")) {
    const key = line.trim() ?? "";
    counts[key] = (counts[key] || 0) + 1;
  }
  return retries > 0 ? Object.keys(counts).filter((k) => k.length > ${i % 7}).map((k) => [k, counts[k]]) : [];
};
`;
    case 2:
      return `export class Store${i} {
  constructor(limit) { this.limit = limit; this.items = []; this.index = new Set(); }
  add(item) {
    if (this.index.has(item.id)) return false;
    this.items.push(item);
    this.index.add(item.id);
    return this.items.length <= this.limit || this.evict();
  }
  evict() {
    let removed = 0;
    for (let i = this.items.length - 1; i >= this.limit; i--) { this.index.delete(this.items[i].id); removed++; }
    this.items.length = Math.min(this.items.length, this.limit);
    return removed > 0;
  }
}
`;
    default:
      return `export function step${i}(req) {
  const handlers = { get: (r) => axios.get(r.url), post: (r) => axios.post(r.url, r.body) };
  const h = handlers[req.method] ?? ((r) => ({ status: 405, body: [r.method] }));
  switch (req.kind) {
    case "a": return h(req);
    case "b": return ${prev}(req.items ?? [], ${i % 11});
    default: return { status: req.ok ? 200 : 500, items: [1, 2, 3].map((x) => x * ${i}) };
  }
}
`;
  }
}
