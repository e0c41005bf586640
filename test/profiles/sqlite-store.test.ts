import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { SqliteProfileStore } from "../../sim/profiles/stores/sqlite-store.js";
import { killMidStreamAndCheck } from "./crash.js";
import { storeContract } from "./store-contract.js";

const dir = mkdtempSync(join(tmpdir(), "profiles-sqlite-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let n = 0;

describe("SqliteProfileStore", () => {
  storeContract({
    fresh: async () => join(dir, `db-${n++}.sqlite`),
    open: async (file, limits) => new SqliteProfileStore(file, limits),
  });

  it("loses no acknowledged observation when its writer is killed mid-stream", async () => {
    await killMidStreamAndCheck(join(dir, "crash.sqlite"), 300);
  });

  it("names the file it cannot open", () => {
    const bad = join(dir, "not-a-db.sqlite");
    writeFileSync(bad, "this is no database, just some text ".repeat(100));
    expect(() => new SqliteProfileStore(bad)).toThrow(
      /not-a-db\.sqlite: cannot open the profile database/,
    );
    expect(() => new SqliteProfileStore(join(dir, "no", "such", "dir.sqlite"))).toThrow(
      /dir\.sqlite: cannot open the profile database/,
    );
  });
});
