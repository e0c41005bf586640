/** Stage `load`: read a scenario file and parse its YAML, keeping positions. */
import { readFileSync } from "node:fs";
import { LineCounter, parseDocument } from "yaml";
import { ScenarioError } from "./issues.js";
import { SourceMap } from "./source-map.js";

export interface LoadedScenario {
  readonly file: string;
  readonly data: unknown;
  readonly map: SourceMap;
}

export function loadScenarioFile(file: string): LoadedScenario {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (e) {
    const reason =
      (e as NodeJS.ErrnoException).code === "ENOENT" ? "no such file" : (e as Error).message;
    throw new ScenarioError([
      { file, path: "", line: 0, column: 0, message: `cannot read the scenario: ${reason}` },
    ]);
  }
  return parseScenarioText(file, text);
}

export function parseScenarioText(file: string, text: string): LoadedScenario {
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false, uniqueKeys: true });
  if (doc.errors.length > 0) {
    throw new ScenarioError(
      doc.errors.map((e) => {
        const pos = lines.linePos(e.pos[0]);
        return {
          file,
          path: "",
          line: pos.line,
          column: pos.col,
          message: `YAML: ${e.message.split("\n")[0]}`,
        };
      }),
    );
  }
  return { file, data: doc.toJS({ maxAliasCount: 100 }), map: new SourceMap(doc, lines) };
}
