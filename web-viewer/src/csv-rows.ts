/**
 * A run's CSV file as rows of named cells: the header must hold every
 * column the viewer needs, and a row with a cell that is not a number where
 * one is needed is an error naming the file and its line.
 */
import Papa from "papaparse";

export class RunFileError extends Error {
  override name = "RunFileError";
}

export interface CsvTable {
  readonly file: string;
  readonly rows: readonly string[][];
  /** Index of each needed column. */
  readonly at: Readonly<Record<string, number>>;
}

export function csvTable(file: string, text: string, needed: readonly string[]): CsvTable {
  const parsed = Papa.parse<string[]>(text, { header: false, skipEmptyLines: true });
  const first = parsed.errors[0];
  if (first) throw new RunFileError(`${file}, line ${(first.row ?? 0) + 1}: ${first.message}`);
  const [header, ...rows] = parsed.data;
  if (!header) throw new RunFileError(`${file}: empty, expected a header line`);
  const at: Record<string, number> = {};
  for (const column of needed) {
    const i = header.indexOf(column);
    if (i < 0) throw new RunFileError(`${file}, line 1: no column ${column}`);
    at[column] = i;
  }
  return { file, rows, at };
}

/** Cell `column` of row `i` (0 is the first after the header) as a number. */
export function numberCell(t: CsvTable, i: number, column: string): number {
  const text = t.rows[i]?.[t.at[column]!] ?? "";
  const n = text === "" ? NaN : Number(text);
  if (!Number.isFinite(n))
    throw new RunFileError(
      `${t.file}, line ${i + 2}, column ${column}: expected a number, got "${text}"`,
    );
  return n;
}

export function textCell(t: CsvTable, i: number, column: string): string {
  return t.rows[i]?.[t.at[column]!] ?? "";
}
