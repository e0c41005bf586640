/** Score -> profile lookups over the configured table, and the profile after one. */

export interface TableRow {
  readonly from: number;
  readonly profile: string;
}

/** The profile of the last row whose `from` the score reaches (the first row's below it). */
export function profileForScore(table: readonly TableRow[], score: number): string {
  let chosen = table[0]!.profile;
  for (const r of table) if (score >= r.from) chosen = r.profile;
  return chosen;
}

/** The table's profiles in order, each once. */
export function ladder(table: readonly TableRow[]): string[] {
  const out: string[] = [];
  for (const r of table) if (!out.includes(r.profile)) out.push(r.profile);
  return out;
}

/** The profile after `profile` on the table's ladder, or undefined at the top (or off it). */
export function nextProfile(table: readonly TableRow[], profile: string): string | undefined {
  const steps = ladder(table);
  const i = steps.indexOf(profile);
  return i < 0 ? undefined : steps[i + 1];
}
