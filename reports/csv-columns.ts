/**
 * The columns of a CSV report, defined against the legend: each column's
 * getter is paired with its term, whose unit sets the precision the value
 * is written at. A getter for a column the legend lacks does not compile,
 * nor does a term without a getter.
 */
import type { CsvValue } from "./csv.js";
import { csvValue } from "./csv-precision.js";
import { CSV_FILES, termOf } from "./legend.js";

export type CsvFile = keyof typeof CSV_FILES;
export type ColumnName<F extends CsvFile> = keyof (typeof CSV_FILES)[F]["terms"] & string;

/** Getters by column name, in the order the file lists them. */
export function columnsOf<F extends CsvFile, T>(
  file: F,
  getters: { readonly [C in ColumnName<F>]: (row: T) => CsvValue },
): [string, (row: T) => CsvValue][] {
  return Object.entries<(row: T) => CsvValue>(getters).map(([name, get]) => {
    const { unit } = termOf(file, name);
    return [name, (row: T) => csvValue(get(row), unit)];
  });
}
