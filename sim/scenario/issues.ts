/** A problem found in a scenario file: where it is and what is wrong. */
export interface ScenarioIssue {
  readonly file: string;
  /** Path inside the document, e.g. "policies[0].config.fleet". */
  readonly path: string;
  /** Absent when the problem is the file as a whole (missing, not text). */
  readonly line?: number;
  readonly column?: number;
  readonly message: string;
}

/** Every issue of a scenario at once; thrown by load/validate, caught at the CLI edge. */
export class ScenarioError extends Error {
  override name = "ScenarioError";
  constructor(readonly issues: readonly ScenarioIssue[]) {
    super(issues.map(formatIssue).join("\n"));
  }
}

export function formatIssue(i: ScenarioIssue): string {
  if (i.line === undefined) return `${i.file}: ${i.message}`;
  return `${i.file}:${i.line}:${i.column ?? 1}: ${i.path || "(top)"}: ${i.message}`;
}

export type PathKey = string | number;

export function formatPath(path: readonly PathKey[]): string {
  let out = "";
  for (const k of path) out += typeof k === "number" ? `[${k}]` : out === "" ? k : `.${k}`;
  return out;
}
