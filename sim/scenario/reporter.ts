/** Collects the issues of one scenario file, each once, positioned from its source map. */
import { formatPath, type PathKey, type ScenarioIssue } from "./issues.js";
import type { SourceMap } from "./source-map.js";

export class Reporter {
  private readonly list: { issue: ScenarioIssue; missing: boolean }[] = [];
  private readonly seen = new Set<string>();
  /** Paths an unknown key's did-you-mean already points at. */
  private readonly hinted = new Set<string>();

  constructor(
    readonly file: string,
    private readonly map: SourceMap,
  ) {}

  /** At the value at `path`; with `key`, at that key inside the map at `path`. */
  at(path: readonly PathKey[], message: string, key?: string): void {
    const full = key === undefined ? path : [...path, key];
    this.push(full, this.map.locate(path, key), message, false);
  }

  /** An unknown key whose likely meaning is `hint`, a sibling key. */
  unknownKey(path: readonly PathKey[], key: string, message: string, hint?: string): void {
    if (hint !== undefined) this.hinted.add(formatPath([...path, hint]));
    this.at(path, message, key);
  }

  /** A required key left out: at the key of the map that should hold it (1:1 for the top). */
  missing(path: readonly PathKey[]): void {
    const key = path[path.length - 1]!;
    const parent = path.slice(0, -1);
    const last = parent[parent.length - 1];
    const pos =
      parent.length === 0
        ? { line: 1, column: 1 }
        : typeof last === "string"
          ? this.map.locate(parent.slice(0, -1), last)
          : this.map.locate(parent);
    this.push(path, pos, `\`${key}\` is required`, true);
  }

  /** Every issue in the order of the file; a missing key that a misspelt one explains is left out. */
  issues(): ScenarioIssue[] {
    return this.list
      .filter((i) => !(i.missing && this.hinted.has(i.issue.path)))
      .map((i) => i.issue)
      .sort((a, b) => (a.line ?? 0) - (b.line ?? 0) || (a.column ?? 0) - (b.column ?? 0));
  }

  private push(
    path: readonly PathKey[],
    pos: { line: number; column: number },
    message: string,
    missing: boolean,
  ): void {
    const formatted = formatPath(path);
    const id = `${formatted}\0${message}`;
    if (this.seen.has(id)) return;
    this.seen.add(id);
    this.list.push({ issue: { file: this.file, path: formatted, ...pos, message }, missing });
  }
}
