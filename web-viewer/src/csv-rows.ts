/**
 * A run's CSV file, row by row: the header must hold every column the
 * viewer needs, and a cell that is not a number where one is needed is an
 * error naming the file, its line and the column.
 */
import Papa from "papaparse";

export class RunFileError extends Error {
  override name = "RunFileError";
}

/** One row as it is visited: its cells by column name. */
export interface CsvRow {
  number(column: string): number;
  text(column: string): string;
  /** The row's line in the file (the header is line 1). */
  readonly line: number;
}

/**
 * Every line's cells, handed to `each` with its line number. A file with no
 * quote at all (what the run's writers give unless a name holds a comma) is
 * split line by line, several times faster than a general parser on a
 * million-row requests.csv and without holding every cell at once.
 */
function lines(file: string, text: string, each: (cells: string[], line: number) => void): void {
  if (text.includes('"')) {
    const parsed = Papa.parse<string[]>(text, { header: false, skipEmptyLines: true });
    const first = parsed.errors[0];
    if (first) throw new RunFileError(`${file}, line ${(first.row ?? 0) + 1}: ${first.message}`);
    parsed.data.forEach((cells, i) => each(cells, i + 1));
    return;
  }
  let line = 0;
  for (let at = 0; at < text.length;) {
    let end = text.indexOf("\n", at);
    if (end < 0) end = text.length;
    line++;
    const content = text.charCodeAt(end - 1) === 13 ? text.slice(at, end - 1) : text.slice(at, end);
    if (content !== "") each(content.split(","), line);
    at = end + 1;
  }
}

export function eachCsvRow(
  file: string,
  text: string,
  needed: readonly string[],
  visit: (row: CsvRow) => void,
): void {
  let at: Map<string, number> | undefined;
  let cells: string[] = [];
  let line = 0;
  const cell = (column: string) => cells[at!.get(column)!] ?? "";
  const row: CsvRow = {
    number(column) {
      const text = cell(column);
      const n = text === "" ? NaN : Number(text);
      if (!Number.isFinite(n))
        throw new RunFileError(
          `${file}, line ${line}, column ${column}: expected a number, got "${text}"`,
        );
      return n;
    },
    text: cell,
    get line() {
      return line;
    },
  };
  lines(file, text, (c, l) => {
    if (at === undefined) {
      at = new Map();
      for (const column of needed) {
        const i = c.indexOf(column);
        if (i < 0) throw new RunFileError(`${file}, line ${l}: no column ${column}`);
        at.set(column, i);
      }
      return;
    }
    cells = c;
    line = l;
    visit(row);
  });
  if (at === undefined) throw new RunFileError(`${file}: empty, expected a header line`);
}
