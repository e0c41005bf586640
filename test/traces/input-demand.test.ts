/**
 * A program's true demand at an input: its documented demand at the
 * reference input, grown by its complexity class; and the manifest that
 * documents it, checked as it is read.
 */
import { readFileSync } from "node:fs";
import { describe, expect, test } from "vitest";
import { readManifest } from "../../traces/code-manifest.js";
import { growth, parseComplexity } from "../../traces/complexity-class.js";
import { demandAtInput } from "../../traces/input-demand.js";
import { bigO } from "../../sim/analysis/big-o.js";

const corpusManifest = new URL("../../traces/code/manifest.json", import.meta.url).pathname;

describe("complexity classes", () => {
  test("every name the analyzer gives parses, and O(log n) too", () => {
    const names = new Set<string>();
    for (let loops = 0; loops <= 5; loops++)
      for (let calls = 0; calls <= 2; calls++) names.add(bigO(loops, calls));
    for (const n of [...names, "O(log n)"]) expect(parseComplexity(n), n).not.toBeNull();
    for (const n of ["O(n!)", "n^2", "O(n^0)", ""]) expect(parseComplexity(n), n).toBeNull();
  });

  test("each class grows as it should, and is exactly 1 at the reference", () => {
    const c = (name: string) => parseComplexity(name)!;
    for (const name of ["O(1)", "O(log n)", "O(n)", "O(n log n)", "O(n^2)", "O(n^3)", "O(2^n)"])
      expect(growth(c(name), 1000, 1000)).toBe(1);
    expect(growth(c("O(1)"), 8000, 1000)).toBe(1);
    expect(growth(c("O(log n)"), 2 ** 20, 2 ** 10)).toBeCloseTo(2, 12);
    expect(growth(c("O(n)"), 3000, 1000)).toBeCloseTo(3, 12);
    expect(growth(c("O(n log n)"), 2 ** 20, 2 ** 10)).toBeCloseTo(2 ** 10 * 2, 9);
    expect(growth(c("O(n^2)"), 3000, 1000)).toBeCloseTo(9, 12);
    expect(growth(c("O(n^3)"), 500, 1000)).toBeCloseTo(0.125, 12);
    expect(growth(c("O(2^n)"), 14, 11)).toBe(8);
  });
});

describe("the corpus manifest", () => {
  const manifest = readManifest(corpusManifest, readFileSync(corpusManifest, "utf8"));

  test("documents every program's class, reference input, version and memory profile", () => {
    expect(manifest.size).toBe(36);
    for (const [path, { demand, version }] of manifest) {
      expect(demand.scaling, path).toBeDefined();
      expect(demand.memory, path).toBeDefined();
      expect(version, path).toMatch(/^\d+\.\d+\.\d+$/);
    }
  });

  test("at the reference input a program has its documented demand; elsewhere its class's", () => {
    const matmul = manifest.get("linalg/matmul.py")!.demand;
    const s = matmul.scaling!;
    expect(demandAtInput(matmul, s.referenceInputBytes)).toEqual({
      cpuSeconds: matmul.cpuSeconds,
      memMiB: matmul.memMiB,
      ioReadBytes: 0,
      ioWriteBytes: 0,
    });
    // Four times the bytes of two n x n matrices is twice n: n^3 is 8 times
    // the work, n^2 four times the memory above the runtime's own.
    const big = demandAtInput(matmul, 4 * s.referenceInputBytes);
    expect(big.cpuSeconds).toBeCloseTo(8 * matmul.cpuSeconds, 9);
    expect(big.memMiB).toBeCloseTo(s.baseMemMiB + 4 * (matmul.memMiB - s.baseMemMiB), 9);
    // A lookup barely grows; a stream's IO grows with its input.
    const lookup = manifest.get("search/binary_search.go")!.demand;
    const grown = demandAtInput(lookup, 1024 * lookup.scaling!.referenceInputBytes);
    expect(grown.cpuSeconds / lookup.cpuSeconds).toBeLessThan(1.5);
    const hash = manifest.get("io/file_hash.js")!.demand;
    const half = demandAtInput(hash, hash.scaling!.referenceInputBytes / 2);
    expect(half.ioReadBytes).toBeCloseTo((hash.ioReadMiB * 1024 * 1024) / 2, 3);
    expect(half.cpuSeconds).toBeCloseTo(hash.cpuSeconds / 2, 12);
  });

  test("without an input size, the reference demand", () => {
    const d = manifest.get("sort/quicksort.py")!.demand;
    expect(demandAtInput(d, undefined).cpuSeconds).toBe(d.cpuSeconds);
  });
});

test("a bad manifest names every bad field of every program", () => {
  const text = JSON.stringify({
    programs: {
      "a.py": {
        cpuSeconds: 1,
        parallelFraction: 2,
        memMiB: 10,
        gpuSpeedup: 1,
        complexity: "O(n!)",
      },
      "b.go": {
        cpuSeconds: -1,
        parallelFraction: 0,
        memMiB: 10,
        gpuSpeedup: 1,
        complexity: "O(n)",
        memoryProfile: { kind: "spike", baseFrac: 0.5 },
      },
    },
  });
  let message = "";
  try {
    readManifest("m.json", text);
  } catch (e) {
    message = (e as Error).message;
  }
  expect(message).toMatch(/^m\.json: bad manifest: /);
  for (const part of [
    'programs["a.py"].complexity: "O(n!)" is not a complexity class',
    'programs["a.py"].parallelFraction: must be from 0 to 1',
    'programs["b.go"].referenceInputBytes: a complexity needs',
    'programs["b.go"].memoryProfile: must be',
    'programs["b.go"].cpuSeconds: must be a number >= 0',
  ])
    expect(message).toContain(part);
});
