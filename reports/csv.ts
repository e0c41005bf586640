/** CSV as spreadsheets read it: one header row, RFC 4180 quoting, "\n" line ends. */
import { numberText } from "../sim/csv/number-text.js";

export type CsvValue = string | number | boolean | null | undefined;

export function csvCell(v: CsvValue): string {
  if (v === null || v === undefined) return "";
  if (typeof v === "number") return Number.isFinite(v) ? numberText(v) : "";
  const s = String(v);
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function csvLine(values: readonly CsvValue[]): string {
  return values.map(csvCell).join(",") + "\n";
}

/** A whole table: `columns` maps header names to how each row gives that value. */
export function toCsv<T>(
  rows: readonly T[],
  columns: readonly [string, (row: T) => CsvValue][],
): string {
  let out = csvLine(columns.map(([name]) => name));
  for (const row of rows) out += csvLine(columns.map(([, get]) => get(row)));
  return out;
}
