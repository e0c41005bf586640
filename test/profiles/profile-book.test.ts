import { describe, expect, it } from "vitest";
import { MemoryProfileStore } from "../../sim/profiles/memory-store.js";
import { VERSION_DECAY } from "../../sim/profiles/merge-versions.js";
import { ProfileBook } from "../../sim/profiles/profile-book.js";
import { obs } from "./observations.js";

describe("ProfileBook", () => {
  it("aggregates exactly: count, mean, min, max, recent newest first", () => {
    const b = new ProfileBook();
    const cpu = [3, 1, 4, 1, 5, 9, 2, 6];
    cpu.forEach((c, i) => b.record(obs({ cpuSeconds: c, timestampS: i })));
    const p = b.profile({ codeId: "app/main.py", inputHash: "00000000000000aa" })!;
    expect(p.count).toBe(8);
    expect(p.metrics.cpuSeconds.mean).toBeCloseTo(31 / 8, 12);
    expect(p.metrics.cpuSeconds.min).toBe(1);
    expect(p.metrics.cpuSeconds.max).toBe(9);
    expect(p.metrics.cpuSeconds.p50).toBe(3);
    expect(p.firstS).toBe(0);
    expect(p.lastS).toBe(7);
    expect(p.recent.map((o) => o.cpuSeconds)).toEqual([...cpu].reverse());
    // The program's profile over every input has them too; an unknown code has none.
    expect(b.profile({ codeId: "app/main.py" })!.count).toBe(8);
    expect(b.profile({ codeId: "nope" })).toBeUndefined();
    expect(b.profile({ codeId: "app/main.py", inputHash: "ff" })).toBeUndefined();
  });

  it("stays bounded under 10^5 observations, with a uniform sample", () => {
    const b = new ProfileBook({ sampleSize: 64, recentSize: 8, maxInputsPerVersion: 50 });
    const N = 100_000;
    for (let i = 0; i < N; i++)
      b.record(
        obs({
          codeId: `code-${i % 3}`,
          inputHash: `h${i % 997}`,
          // A permutation of 0..N-1: the true median is about N/2.
          cpuSeconds: (i * 7919) % N,
          timestampS: i,
          sequenceId: `s${i % 13}`,
        }),
      );
    // 3 programs x (50 inputs + the all-inputs key), however many inputs came.
    expect(b.keyCount).toBe(3 * 51);
    const snap = b.snapshot();
    for (const k of snap.keys) {
      expect(k.sample.length).toBeLessThanOrEqual(64);
      expect(k.recent.length).toBeLessThanOrEqual(8);
      expect(Object.keys(k.sequences).length).toBeLessThanOrEqual(8);
    }
    expect(JSON.stringify(snap).length).toBeLessThan(3 * 51 * 8000);
    const all = b.profile({ codeId: "code-0" })!;
    expect(all.count).toBe(Math.ceil(N / 3));
    expect(all.metrics.cpuSeconds.min).toBe(0);
    // 64 uniform draws: the sample median is within 0.5 +- 0.2 of the range (about 3 sd).
    expect(Math.abs(all.metrics.cpuSeconds.p50 / N - 0.5)).toBeLessThan(0.2);
    expect(all.metrics.cpuSeconds.p90 / N).toBeGreaterThan(0.7);
    // The kept input keys are the most recently seen.
    const kept = snap.keys.filter((k) => k.codeId === "code-0" && k.inputHash !== "");
    expect(Math.min(...kept.map((k) => k.lastSeq))).toBeGreaterThan(N - 997 * 3);
  });

  it("is deterministic: the same observations give the same snapshot bytes", () => {
    const fill = () => {
      const b = new ProfileBook({ sampleSize: 4 });
      for (let i = 0; i < 500; i++) b.record(obs({ cpuSeconds: (i * 31) % 97, timestampS: i }));
      return JSON.stringify(b.snapshot());
    };
    expect(fill()).toBe(fill());
    const other = new ProfileBook({ sampleSize: 4, seed: "other" });
    for (let i = 0; i < 500; i++) other.record(obs({ cpuSeconds: (i * 31) % 97, timestampS: i }));
    expect(JSON.stringify(other.snapshot())).not.toBe(fill());
  });

  it("merges versions: the newest in full, each older one decayed", () => {
    const b = new ProfileBook();
    for (let i = 0; i < 10; i++) b.record(obs({ codeVersion: "v1", cpuSeconds: 1 }));
    for (let i = 0; i < 10; i++) b.record(obs({ codeVersion: "v2", cpuSeconds: 3 }));
    const p = b.profile({ codeId: "app/main.py" })!;
    expect(p.versions.map((v) => [v.codeVersion, v.weight])).toEqual([
      ["v2", 1],
      ["v1", VERSION_DECAY],
    ]);
    expect(p.count).toBe(20);
    const w = VERSION_DECAY;
    expect(p.metrics.cpuSeconds.mean).toBeCloseTo((3 + w * 1) / (1 + w), 12);
    expect(p.metrics.cpuSeconds.min).toBe(1);
    expect(p.metrics.cpuSeconds.p50).toBe(3);
    const newest = b.profile({ codeId: "app/main.py", versions: 1 })!;
    expect(newest.count).toBe(10);
    expect(newest.metrics.cpuSeconds.mean).toBe(3);
  });

  it("counts repeating sequence ids, the most frequent first", () => {
    const b = new ProfileBook();
    for (let i = 0; i < 30; i++) b.record(obs({ sequenceId: i % 3 === 0 ? "a" : "b" }));
    expect(b.profile({ codeId: "app/main.py" })!.sequences).toEqual([
      { id: "b", count: 20 },
      { id: "a", count: 10 },
    ]);
  });

  it("refuses a bad observation, naming the field, and records none of its batch", async () => {
    const store = new MemoryProfileStore();
    await expect(store.record([obs(), obs({ peakMemMiB: NaN })])).rejects.toThrow(
      /app\/main\.py: peakMemMiB must be a finite number >= 0, got NaN/,
    );
    expect(await store.profile({ codeId: "app/main.py" })).toBeUndefined();
    expect(() => store.book.record(obs({ codeId: "" }))).toThrow(/codeId/);
  });

  it("starts from a snapshot as the book it came from", () => {
    const a = new ProfileBook();
    for (let i = 0; i < 100; i++) a.record(obs({ cpuSeconds: i, inputHash: `h${i % 4}` }));
    const b = new ProfileBook({}, JSON.parse(JSON.stringify(a.snapshot())));
    expect(b.profile({ codeId: "app/main.py" })).toEqual(a.profile({ codeId: "app/main.py" }));
    a.record(obs({ cpuSeconds: 1000 }));
    b.record(obs({ cpuSeconds: 1000 }));
    expect(b.snapshot()).toEqual(a.snapshot());
  });
});
