import pg from "pg";
import { afterAll, beforeAll, describe, it } from "vitest";
import { PostgresProfileStore } from "../../sim/profiles/stores/postgres-store.js";
import { killMidStreamAndCheck } from "./crash.js";
import { storeContract } from "./store-contract.js";

// Set by .ci/run, which starts a throwaway server; set but unreachable, these fail.
const url = process.env.PROVISIM_PG_URL;
const databases: string[] = [];

/** The server's URL with another database in its path. */
function withDatabase(name: string): string {
  const u = new URL(url!);
  u.pathname = `/${name}`;
  return u.toString();
}

async function freshDatabase(): Promise<string> {
  const name = `profiles_test_${process.pid}_${databases.length}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  try {
    await admin.query(`DROP DATABASE IF EXISTS ${name}`);
    await admin.query(`CREATE DATABASE ${name}`);
  } finally {
    await admin.end();
  }
  databases.push(name);
  return withDatabase(name);
}

if (url === undefined) {
  console.warn("PostgreSQL profile store tests skipped: set PROVISIM_PG_URL to a server's URL");
  describe("PostgresProfileStore", () => {
    it.skip("needs a server: set PROVISIM_PG_URL (.ci/run starts one)", () => {});
  });
} else {
  describe("PostgresProfileStore", () => {
    beforeAll(async () => {
      // Unreachable: fail here, loudly, rather than skip.
      const c = new pg.Client({ connectionString: url, connectionTimeoutMillis: 10_000 });
      await c.connect();
      await c.end();
    });
    afterAll(async () => {
      const admin = new pg.Client({ connectionString: url });
      await admin.connect();
      for (const name of databases)
        await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await admin.end();
    });

    storeContract({
      fresh: freshDatabase,
      open: (where, limits) => PostgresProfileStore.connect(where, limits),
    });

    it("loses no acknowledged observation when its writer is killed mid-stream", async () => {
      await killMidStreamAndCheck(await freshDatabase(), 300);
    });
  });
}
