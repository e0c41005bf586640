/** CSV of what a view shows, handed to the browser as a file download. */
import { toCsv, type CsvValue } from "../../reports/csv.js";

export function downloadCsv(fileName: string, csv: string): void {
  const url = URL.createObjectURL(new Blob([csv], { type: "text/csv" }));
  const a = document.createElement("a");
  a.href = url;
  a.download = fileName;
  document.body.append(a);
  a.click();
  a.remove();
  // Revoked once the click has handed the file over.
  setTimeout(() => URL.revokeObjectURL(url), 0);
}

/** The rows a chart draws (its data values, or its first layer's), one column per field. */
export function chartDataCsv(spec: { readonly [key: string]: unknown }): string {
  const values = chartValues(spec);
  const fields = [...new Set(values.flatMap((v) => Object.keys(v)))];
  return toCsv(
    values,
    fields.map((f) => [f, (v) => v[f] as CsvValue]),
  );
}

type Row = Record<string, unknown>;

function chartValues(spec: { readonly [key: string]: unknown }): Row[] {
  const data = spec.data as { values?: Row[] } | undefined;
  if (data?.values) return data.values;
  const layers = (spec.layer as { data?: { values?: Row[] } }[] | undefined) ?? [];
  return layers.find((l) => l.data?.values)?.data?.values ?? [];
}
