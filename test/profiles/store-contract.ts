import { expect, it } from "vitest";
import { ProfileBook } from "../../sim/profiles/profile-book.js";
import type { ProfileLimits } from "../../sim/profiles/limits.js";
import type { ProfileObservation, ProfileStore } from "../../sim/profiles/types.js";
import { obs } from "./observations.js";

/** Opens the same database again each call (a fresh one per test is `fresh`). */
export interface StoreUnderTest {
  fresh(): Promise<string>;
  open(where: string, limits?: Partial<ProfileLimits>): Promise<ProfileStore>;
}

function workload(n: number): ProfileObservation[] {
  return Array.from({ length: n }, (_, i) =>
    obs({
      codeId: `code-${i % 3}`,
      codeVersion: i < n / 2 ? "v1" : "v2",
      inputHash: i % 7 === 0 ? "" : `h${i % 11}`,
      cpuSeconds: (i * 37) % 101,
      peakMemMiB: 100 + (i % 13),
      timestampS: i,
      sequenceId: `s${i % 5}`,
    }),
  );
}

/** What every persisted store must do: what the in-memory book does, and keep it. */
export function storeContract(s: StoreUnderTest): void {
  const limits = { sampleSize: 8, maxInputsPerVersion: 4 };

  it("keeps the same state as the in-memory book, observation for observation", async () => {
    const where = await s.fresh();
    const store = await s.open(where, limits);
    const book = new ProfileBook(limits);
    const all = workload(400);
    try {
      // In batches of several sizes: a batch is one transaction.
      for (let i = 0; i < all.length;) {
        const batch = all.slice(i, i + 1 + (i % 17));
        await store.record(batch);
        for (const o of batch) book.record(o);
        i += batch.length;
      }
      expect(await store.snapshot()).toEqual(book.snapshot());
      for (const q of [{ codeId: "code-1" }, { codeId: "code-2", inputHash: "h3" }])
        expect(await store.profile(q)).toEqual(book.profile(q));
      expect(await store.profile({ codeId: "absent" })).toBeUndefined();
    } finally {
      await store.close();
    }
    // Reopened, it has everything, and goes on as the book does.
    const again = await s.open(where);
    try {
      await again.record([obs({ codeId: "code-1", cpuSeconds: 999 })]);
      book.record(obs({ codeId: "code-1", cpuSeconds: 999 }));
      expect(await again.snapshot()).toEqual(book.snapshot());
    } finally {
      await again.close();
    }
  });

  it("refuses a bad batch whole, and other limits than the database's", async () => {
    const where = await s.fresh();
    const store = await s.open(where, limits);
    try {
      await expect(store.record([obs(), obs({ cpuSeconds: -1 })])).rejects.toThrow(
        /cpuSeconds must be a finite number >= 0, got -1/,
      );
      expect((await store.snapshot()).keys).toEqual([]);
    } finally {
      await store.close();
    }
    await expect(s.open(where, { sampleSize: 9 })).rejects.toThrow(/keeps sampleSize = 8, not 9/);
  });
}
