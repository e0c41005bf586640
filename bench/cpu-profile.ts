/** The functions with the most self time in a V8 .cpuprofile (node --cpu-prof), as shares of all samples. */
import { readFileSync } from "node:fs";

interface ProfileNode {
  readonly id: number;
  readonly callFrame: { functionName: string; url: string; lineNumber: number };
  readonly hitCount?: number;
}

export interface SelfTime {
  readonly fn: string;
  readonly share: number;
}

export function topSelfTime(file: string, n: number): SelfTime[] {
  const prof = JSON.parse(readFileSync(file, "utf8")) as {
    nodes: ProfileNode[];
    samples: number[];
  };
  const byId = new Map(prof.nodes.map((x) => [x.id, x]));
  const hits = new Map<string, number>();
  for (const id of prof.samples) {
    const f = byId.get(id)!.callFrame;
    const where =
      f.url === ""
        ? ""
        : ` ${f.url.replace(/^.*node_modules\//, "").replace(/^.*\/(dist|sim)\//, "$1/")}:${f.lineNumber + 1}`;
    const key = `${f.functionName || "(anonymous)"}${where}`;
    hits.set(key, (hits.get(key) ?? 0) + 1);
  }
  const total = prof.samples.length;
  return [...hits]
    .sort((a, b) => b[1] - a[1])
    .slice(0, n)
    .map(([fn, h]) => ({ fn, share: h / total }));
}
