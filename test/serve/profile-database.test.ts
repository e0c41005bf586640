/**
 * `sim serve --profiles DB`: an instance starts from the database's
 * profiles, and each completion it acknowledges is in the database by then,
 * so a server started again on it (or another server sharing it) knows
 * everything the first one was told.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { z } from "zod";
import { afterAll, expect, test } from "vitest";
import type { Policy } from "../../sim/policies/types.js";
import { SqliteProfileStore } from "../../sim/profiles/stores/sqlite-store.js";
import type { ProfileDatabase } from "../../sim/serve/policy-instance.js";
import { serve } from "../support/serve-client.js";

const dir = mkdtempSync(join(tmpdir(), "serve-profiles-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Keeps, as its state, how many executions of program "sort" its profiles hold. */
const counting: Policy<object, { seen: number }> = {
  name: "counting",
  description: "counts the profile's observations",
  configSchema: z.object({}),
  typesUsed: () => [],
  init: () => ({ state: { seen: 0 }, actions: [] }),
  onCompletion: (_s, _c, _fb, _fleet, ctx) => ({
    state: { seen: ctx.profiles?.profile({ codeId: "sort" })?.count ?? -1 },
    actions: [],
  }),
};

const fleet = (nowS: number) => ({ nowS, pools: [], types: [] });
const completion = (id: number) => ({
  request: { id, functionId: 1, arrivalS: id, features: null, codeId: "sort", inputHash: "h1" },
  outcome: "completed",
  latencyS: 1.2,
  serviceS: 1,
  instanceId: 1,
  instanceType: "lambda-1769",
  cpuSeconds: 0.5 + id / 10,
  peakMemMiB: 300,
  memLimitMiB: 1769,
  ioReadBytes: 0,
  ioWriteBytes: 0,
  costUsd: 0.00002,
});

async function database(file: string): Promise<ProfileDatabase> {
  const store = new SqliteProfileStore(file);
  return { store, snapshot: await store.snapshot() };
}

async function report(file: string, ids: readonly number[]): Promise<number[]> {
  const db = await database(file);
  const s = await serve([{ name: "c", policy: counting as Policy, config: {}, profiles: db }]);
  try {
    expect((await s.call("/policies/c/init", { fleet: fleet(0) })).status).toBe(200);
    const seen: number[] = [];
    for (const id of ids) {
      const r = await s.call("/policies/c/feedback/completion", {
        observation: completion(id),
        fleet: fleet(id),
      });
      expect(r.status).toBe(200);
      // Acknowledged: a second reader of the file already sees it.
      const other = new SqliteProfileStore(file);
      expect((await other.profile({ codeId: "sort" }))?.count).toBe(seen.length + 1 + ids[0]!);
      await other.close();
      seen.push(
        ((await s.call("/policies/c/state", undefined, "GET")).body.state as { seen: number }).seen,
      );
    }
    return seen;
  } finally {
    await s.close();
    await db.store.close();
  }
}

test("a server started again on the database knows what the first was told", async () => {
  const file = join(dir, "profiles.sqlite");
  // ids double as the count already in the database before each server starts.
  expect(await report(file, [0, 1, 2])).toEqual([1, 2, 3]);
  expect(await report(file, [3, 4])).toEqual([4, 5]);
});

test("without a database, profiles kept in memory start empty", async () => {
  const s = await serve([{ name: "c", policy: counting as Policy, config: {}, profiles: true }]);
  try {
    await s.call("/policies/c/init", { fleet: fleet(0) });
    await s.call("/policies/c/feedback/completion", {
      observation: completion(0),
      fleet: fleet(1),
    });
    expect((await s.call("/policies/c/state", undefined, "GET")).body.state).toEqual({ seen: 1 });
  } finally {
    await s.close();
  }
});
