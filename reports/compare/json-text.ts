/** JSON text parsed, or an error that says where in the file it stops being JSON. */
import { CompareInputError } from "./input-error.js";

/** Line and column (from 1) of a character offset. */
function lineColumn(text: string, offset: number): string {
  const before = text.slice(0, offset).split("\n");
  return `${before.length}:${before[before.length - 1]!.length + 1}`;
}

export function parseJsonText(file: string, text: string): unknown {
  try {
    return JSON.parse(text);
  } catch (e) {
    const message = (e as Error).message;
    // V8 names the offset ("at position 12"); newer versions add the line too.
    const at = /at position (\d+)/.exec(message);
    const where = at ? `${file}:${lineColumn(text, Number(at[1]))}` : file;
    const what = message.replace(/\s*(in JSON )?at position \d+.*$/, "");
    throw new CompareInputError(where, `not valid JSON (${what})`);
  }
}
