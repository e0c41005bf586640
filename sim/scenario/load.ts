/** Stage `load`: read a scenario file and parse its YAML, keeping positions. */
import { readFileSync } from "node:fs";
import { isMap, isScalar, isSeq, LineCounter, parseDocument } from "yaml";
import { ScenarioError } from "./issues.js";
import { SourceMap } from "./source-map.js";

const MAX_YAML_ERRORS = 10;

export interface LoadedScenario {
  readonly file: string;
  /** The document's top level: always a mapping. */
  readonly data: unknown;
  readonly map: SourceMap;
  /** The file's text, as read. */
  readonly text: string;
}

/** A problem with the file as a whole: one line, no position. */
function fileError(file: string, message: string): ScenarioError {
  return new ScenarioError([{ file, path: "", message }]);
}

export function loadScenarioFile(file: string): LoadedScenario {
  let bytes: Buffer;
  try {
    bytes = readFileSync(file);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    const reason =
      code === "ENOENT"
        ? "not found"
        : code === "EISDIR"
          ? "is a directory, not a scenario file"
          : code === "EACCES"
            ? "cannot be read (permission denied)"
            : `cannot be read: ${(e as Error).message}`;
    throw fileError(file, reason);
  }
  return parseScenarioText(file, textOf(file, bytes));
}

/** The file's text; a file with NUL bytes or that is not UTF-8 is not a scenario someone wrote. */
function textOf(file: string, bytes: Buffer): string {
  if (bytes.includes(0)) throw fileError(file, "not a YAML text file");
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    throw fileError(file, "not a YAML text file");
  }
}

export function parseScenarioText(file: string, text: string): LoadedScenario {
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false, uniqueKeys: true });
  if (doc.errors.length > 0) {
    const issues = doc.errors.map((e) => {
      const pos = lines.linePos(e.pos[0]);
      return {
        file,
        path: "",
        line: pos.line,
        column: pos.col,
        message: `YAML: ${e.message.split("\n")[0]}`,
      };
    });
    // So many that the file is most likely not YAML at all (source code, a
    // log): the first says where, a count says the rest.
    if (issues.length > MAX_YAML_ERRORS) {
      const first = issues[0]!;
      const more = issues.length - 1;
      throw new ScenarioError([
        {
          ...first,
          message: `${first.message} (and ${more} more YAML errors: is it a YAML file?)`,
        },
      ]);
    }
    throw new ScenarioError(issues);
  }
  const top = doc.contents;
  if (!isMap(top)) {
    const found =
      top === null || (isScalar(top) && top.value === null)
        ? "is empty"
        : isSeq(top)
          ? "holds a list"
          : "holds a single value";
    throw fileError(
      file,
      `not a scenario: it ${found}, where a scenario is a YAML mapping of keys (name:, duration:, workload:, policies:, ...)`,
    );
  }
  let data: unknown;
  try {
    data = doc.toJS({ maxAliasCount: 100 });
  } catch (e) {
    // The yaml package refuses aliases that would expand without bound.
    throw fileError(file, `not a usable scenario: ${(e as Error).message}`);
  }
  return { file, data, map: new SourceMap(doc, lines), text };
}
