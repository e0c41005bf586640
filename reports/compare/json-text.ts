/** JSON text parsed, or an error that says where in the file it stops being JSON. */
import { CompareInputError } from "./input-error.js";
import { jsonSyntaxFault } from "./json-syntax-error.js";

/** Line and column (from 1) of a character offset. */
function lineColumn(text: string, offset: number): string {
  const before = text.slice(0, offset).split("\n");
  return `${before.length}:${before[before.length - 1]!.length + 1}`;
}

export function parseJsonText(file: string, text: string): unknown {
  try {
    return JSON.parse(text);
  } catch (e) {
    const fault = jsonSyntaxFault(text);
    if (fault)
      throw new CompareInputError(
        `${file}:${lineColumn(text, fault.offset)}`,
        `not valid JSON: ${fault.reason}`,
      );
    // The scanner found no fault where JSON.parse did: its message, on one line.
    const message = (e as Error).message.replace(/\s+/g, " ");
    throw new CompareInputError(file, `not valid JSON (${message})`);
  }
}
