import type { ProfileLimits } from "../limits.js";
import type { ProfileStore } from "../types.js";
import { PostgresProfileStore } from "./postgres-store.js";
import { SqliteProfileStore } from "./sqlite-store.js";

/** Whether `spec` names a PostgreSQL server rather than a file. */
export function isPostgresUrl(spec: string): boolean {
  return /^postgres(ql)?:\/\//i.test(spec);
}

/** A postgres:// or postgresql:// URL opens the shared store; anything else is a SQLite file. */
export async function openProfileStore(
  spec: string,
  limits: Partial<ProfileLimits> = {},
): Promise<ProfileStore> {
  if (isPostgresUrl(spec)) return PostgresProfileStore.connect(spec, limits);
  return new SqliteProfileStore(spec, limits);
}
