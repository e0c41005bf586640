/**
 * The embedded store, the default when profiles are persisted: one SQLite
 * file (better-sqlite3), no server to start. WAL journal with
 * synchronous=FULL: a record() that has resolved is on disk, and survives
 * the process being killed (or the machine losing power) right after.
 */
import Database from "better-sqlite3";
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
  last_seq INTEGER NOT NULL, state TEXT NOT NULL,
  PRIMARY KEY (code_id, code_version, input_hash));
CREATE INDEX IF NOT EXISTS profile_keys_recency ON profile_keys (code_id, code_version, last_seq);
`;

export class SqliteProfileStore implements ProfileStore {
  readonly limits: ProfileLimits;
  private readonly db: Database.Database;
  private readonly recordAll: (observations: readonly ProfileObservation[]) => void;

  constructor(
    readonly file: string,
    limits: Partial<ProfileLimits> = {},
  ) {
    try {
      this.db = new Database(file);
      this.db.pragma("journal_mode = WAL");
      this.db.pragma("synchronous = FULL");
      this.db.pragma("busy_timeout = 5000");
      this.db.exec(SCHEMA);
    } catch (e) {
      throw new Error(`${file}: cannot open the profile database: ${(e as Error).message}`, {
        cause: e,
      });
    }
    const meta = this.db.prepare<[string], { value: string }>(
      "SELECT value FROM profile_meta WHERE name = ?",
    );
    const setMeta = this.db.prepare(
      "INSERT INTO profile_meta (name, value) VALUES (?, ?) ON CONFLICT (name) DO UPDATE SET value = excluded.value",
    );
    this.limits = settleLimits(file, meta.get("limits")?.value, limits);
    setMeta.run("limits", JSON.stringify(this.limits));

    const getKey = this.db.prepare<[string, string, string], { state: string }>(
      "SELECT state FROM profile_keys WHERE code_id = ? AND code_version = ? AND input_hash = ?",
    );
    const putKey = this.db.prepare(
      `INSERT INTO profile_keys (code_id, code_version, input_hash, last_seq, state) VALUES (?, ?, ?, ?, ?)
       ON CONFLICT (code_id, code_version, input_hash) DO UPDATE SET last_seq = excluded.last_seq, state = excluded.state`,
    );
    const inputCount = this.db.prepare<[string, string], { n: number }>(
      "SELECT count(*) AS n FROM profile_keys WHERE code_id = ? AND code_version = ? AND input_hash <> ''",
    );
    const evictOldest = this.db.prepare(
      `DELETE FROM profile_keys WHERE rowid = (SELECT rowid FROM profile_keys
        WHERE code_id = ? AND code_version = ? AND input_hash <> '' ORDER BY last_seq LIMIT 1)`,
    );
    const add = (o: ProfileObservation, hash: string, seq: number) => {
      const row = getKey.get(o.codeId, o.codeVersion, hash);
      let k: KeyState;
      if (row) k = reviveKey(JSON.parse(row.state) as KeyState);
      else {
        k = emptyKey(o.codeId, o.codeVersion, hash);
        if (
          hash !== "" &&
          inputCount.get(o.codeId, o.codeVersion)!.n >= this.limits.maxInputsPerVersion
        )
          evictOldest.run(o.codeId, o.codeVersion);
      }
      addObservation(k, o, seq, this.limits);
      putKey.run(o.codeId, o.codeVersion, hash, seq, JSON.stringify(k));
    };
    this.recordAll = this.db.transaction((observations: readonly ProfileObservation[]) => {
      let seq = Number(meta.get("seq")?.value ?? 0);
      for (const o of observations) {
        seq++;
        add(o, "", seq);
        if (o.inputHash !== "") add(o, o.inputHash, seq);
      }
      setMeta.run("seq", String(seq));
    });
    this.seqOf = () => Number(meta.get("seq")?.value ?? 0);
  }

  private readonly seqOf: () => number;

  async record(observations: readonly ProfileObservation[]): Promise<void> {
    for (const o of observations) checkObservation(o);
    this.recordAll(observations);
  }

  async profile(query: ProfileQuery): Promise<ProfileStats | undefined> {
    const rows = this.db
      .prepare<[string, string], { state: string }>(
        "SELECT state FROM profile_keys WHERE code_id = ? AND input_hash = ?",
      )
      .all(query.codeId, query.inputHash ?? "");
    return mergeVersions(
      rows.map((r) => reviveKey(JSON.parse(r.state) as KeyState)),
      query,
    );
  }

  async snapshot(): Promise<ProfileSnapshot> {
    const read = this.db.transaction(() => ({
      seq: this.seqOf(),
      rows: this.db.prepare<[], { state: string }>("SELECT state FROM profile_keys").all(),
    }));
    const { seq, rows } = read();
    const keys = rows.map((r) => reviveKey(JSON.parse(r.state) as KeyState)).sort(compareKeys);
    return { seq, keys };
  }

  async close(): Promise<void> {
    this.db.close();
  }
}
