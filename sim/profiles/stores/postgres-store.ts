/**
 * The store a fleet of servers shares: PostgreSQL through `pg`. A record()
 * is one transaction that resolves after COMMIT, which PostgreSQL returns
 * once the commit is flushed to its WAL (synchronous_commit on, its
 * default): an acknowledged observation survives a crash of either side.
 * Writers take the counter row's lock first, so servers recording at once
 * are serialized and every key's state is updated from the latest.
 */
import pg from "pg";
import { addObservation, emptyKey, reviveKey } from "../key-state.js";
import type { ProfileLimits } from "../limits.js";
import { mergeVersions } from "../merge-versions.js";
import { checkObservation } from "../observation.js";
import { compareKeys } from "../profile-book.js";
import type { KeyState, ProfileObservation, ProfileQuery, ProfileSnapshot } from "../types.js";
import type { ProfileStats, ProfileStore } from "../types.js";
import { settleLimits } from "./stored-limits.js";

const SCHEMA = `
CREATE TABLE IF NOT EXISTS profile_meta (name TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS profile_keys (
  code_id TEXT NOT NULL, code_version TEXT NOT NULL, input_hash TEXT NOT NULL,
  last_seq BIGINT NOT NULL, state TEXT NOT NULL,
  PRIMARY KEY (code_id, code_version, input_hash));
CREATE INDEX IF NOT EXISTS profile_keys_recency ON profile_keys (code_id, code_version, last_seq);
INSERT INTO profile_meta (name, value) VALUES ('seq', '0') ON CONFLICT DO NOTHING;
`;
/** Any fixed number: servers creating the schema at once take turns on it. */
const SCHEMA_LOCK = 4_004_004;

/** The URL without its password, for messages. */
function shown(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = "***";
    return u.toString();
  } catch {
    return "postgres URL";
  }
}

async function inTransaction<T>(client: pg.PoolClient, work: () => Promise<T>): Promise<T> {
  await client.query("BEGIN");
  try {
    const out = await work();
    await client.query("COMMIT");
    return out;
  } catch (e) {
    await client.query("ROLLBACK").catch(() => {});
    throw e;
  }
}

export class PostgresProfileStore implements ProfileStore {
  private constructor(
    private readonly pool: pg.Pool,
    readonly limits: ProfileLimits,
  ) {}

  /** Connects, creates the tables if they are missing, and settles the limits. */
  static async connect(
    url: string,
    limits: Partial<ProfileLimits> = {},
  ): Promise<PostgresProfileStore> {
    const pool = new pg.Pool({ connectionString: url, max: 4 });
    // An idle client's error (the server went away) must not end the process.
    pool.on("error", () => {});
    try {
      const client = await pool.connect();
      try {
        const settled = await inTransaction(client, async () => {
          await client.query("SELECT pg_advisory_xact_lock($1)", [SCHEMA_LOCK]);
          await client.query(SCHEMA);
          const r = await client.query<{ value: string }>(
            "SELECT value FROM profile_meta WHERE name = 'limits'",
          );
          const l = settleLimits(shown(url), r.rows[0]?.value, limits);
          await client.query(
            "INSERT INTO profile_meta (name, value) VALUES ('limits', $1) ON CONFLICT DO NOTHING",
            [JSON.stringify(l)],
          );
          return l;
        });
        return new PostgresProfileStore(pool, settled);
      } finally {
        client.release();
      }
    } catch (e) {
      await pool.end().catch(() => {});
      throw new Error(`${shown(url)}: cannot open the profile database: ${(e as Error).message}`, {
        cause: e,
      });
    }
  }

  async record(observations: readonly ProfileObservation[]): Promise<void> {
    for (const o of observations) checkObservation(o);
    if (observations.length === 0) return;
    const client = await this.pool.connect();
    try {
      await inTransaction(client, async () => {
        const r = await client.query<{ value: string }>(
          "SELECT value FROM profile_meta WHERE name = 'seq' FOR UPDATE",
        );
        let seq = Number(r.rows[0]!.value);
        for (const o of observations) {
          seq++;
          await this.add(client, o, "", seq);
          if (o.inputHash !== "") await this.add(client, o, o.inputHash, seq);
        }
        await client.query("UPDATE profile_meta SET value = $1 WHERE name = 'seq'", [String(seq)]);
      });
    } finally {
      client.release();
    }
  }

  private async add(client: pg.PoolClient, o: ProfileObservation, hash: string, seq: number) {
    const key = [o.codeId, o.codeVersion, hash];
    const r = await client.query<{ state: string }>(
      "SELECT state FROM profile_keys WHERE code_id = $1 AND code_version = $2 AND input_hash = $3",
      key,
    );
    let k: KeyState;
    if (r.rows[0]) k = reviveKey(JSON.parse(r.rows[0].state) as KeyState);
    else {
      k = emptyKey(o.codeId, o.codeVersion, hash);
      if (hash !== "") {
        const n = await client.query<{ n: string }>(
          "SELECT count(*) AS n FROM profile_keys WHERE code_id = $1 AND code_version = $2 AND input_hash <> ''",
          [o.codeId, o.codeVersion],
        );
        if (Number(n.rows[0]!.n) >= this.limits.maxInputsPerVersion)
          await client.query(
            `DELETE FROM profile_keys WHERE (code_id, code_version, input_hash) = (
               SELECT code_id, code_version, input_hash FROM profile_keys
               WHERE code_id = $1 AND code_version = $2 AND input_hash <> ''
               ORDER BY last_seq LIMIT 1)`,
            [o.codeId, o.codeVersion],
          );
      }
    }
    addObservation(k, o, seq, this.limits);
    await client.query(
      `INSERT INTO profile_keys (code_id, code_version, input_hash, last_seq, state) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (code_id, code_version, input_hash) DO UPDATE SET last_seq = excluded.last_seq, state = excluded.state`,
      [...key, seq, JSON.stringify(k)],
    );
  }

  async profile(query: ProfileQuery): Promise<ProfileStats | undefined> {
    const r = await this.pool.query<{ state: string }>(
      "SELECT state FROM profile_keys WHERE code_id = $1 AND input_hash = $2",
      [query.codeId, query.inputHash ?? ""],
    );
    return mergeVersions(
      r.rows.map((row) => reviveKey(JSON.parse(row.state) as KeyState)),
      query,
    );
  }

  async snapshot(): Promise<ProfileSnapshot> {
    const client = await this.pool.connect();
    try {
      // One consistent view of the counter and the keys.
      await client.query("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY");
      try {
        const s = await client.query<{ value: string }>(
          "SELECT value FROM profile_meta WHERE name = 'seq'",
        );
        const r = await client.query<{ state: string }>("SELECT state FROM profile_keys");
        const keys = r.rows.map((row) => reviveKey(JSON.parse(row.state) as KeyState));
        return { seq: Number(s.rows[0]!.value), keys: keys.sort(compareKeys) };
      } finally {
        await client.query("COMMIT");
      }
    } finally {
      client.release();
    }
  }

  async close(): Promise<void> {
    await this.pool.end();
  }
}
