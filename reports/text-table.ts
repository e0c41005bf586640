/** A plain-text table: first column left-aligned, the rest right-aligned, a rule under the header. */
export function textTable(header: readonly string[], body: readonly (readonly string[])[]): string {
  const widths = header.map((_, c) => Math.max(...[header, ...body].map((r) => r[c]!.length)));
  const line = (r: readonly string[]) =>
    r.map((cell, c) => (c === 0 ? cell.padEnd(widths[c]!) : cell.padStart(widths[c]!))).join("  ");
  return (
    [line(header), line(widths.map((w) => "-".repeat(w))), ...body.map(line)].join("\n") + "\n"
  );
}
