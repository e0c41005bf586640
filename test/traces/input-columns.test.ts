/**
 * Request inputs in traces: the input_bytes column parses to a whole number
 * of bytes or says what is wrong with it, the parameters hash is FNV-1a 64,
 * and the synthesizer's inputs keep one size per hash.
 */
import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { columnIndex, parseTraceRow, type TraceRow } from "../../traces/format.js";
import { isParamsHash, paramsHash } from "../../traces/params-hash.js";
import { fromColumns, NameNumbers, toColumns } from "../../traces/row-columns.js";
import { requestInputs } from "../../traces/synth/inputs.js";
import { DurationBands } from "../../traces/import/duration-band.js";
import { TraceBatch } from "../../traces/trace-batch.js";
import { TraceStatsBuilder } from "../../traces/trace-stats.js";
import { RandomStreams } from "../../sim/random/streams.js";

/** FNV-1a 64 as its definition reads, in BigInt: the reference the fast one is checked against. */
function fnv1a64(text: string): string {
  let h = 0xcbf29ce484222325n;
  for (const b of new TextEncoder().encode(text)) {
    h ^= BigInt(b);
    h = (h * 0x100000001b3n) & 0xffffffffffffffffn;
  }
  return h.toString(16).padStart(16, "0");
}

describe("parameters hash", () => {
  test("known FNV-1a 64 values", () => {
    expect(paramsHash("")).toBe("cbf29ce484222325");
    expect(paramsHash("a")).toBe("af63dc4c8601ec8c");
    expect(paramsHash("foobar")).toBe("85944171f73967e8");
  });

  test("equals the BigInt definition on any text, 16 hex digits", () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 40, unit: "grapheme" }), (s) => {
        const h = paramsHash(s);
        expect(h).toBe(fnv1a64(s));
        expect(isParamsHash(h)).toBe(true);
      }),
      { numRuns: 400, seed: 7 },
    );
  });
});

/** A row arriving at `i` with nothing measured. */
const plainRow = (i: number): TraceRow => ({
  arrivalS: i,
  functionId: "f",
  codeId: "",
  paramsHash: "",
  inputBytes: NaN,
  durationS: NaN,
  cpuS: 0.1,
  memoryMiB: NaN,
  ioReadMiB: NaN,
  ioWriteMiB: NaN,
  noticeLeadS: NaN,
  noticeFunctionId: "",
  requestedProfile: "",
});

describe("input_bytes column", () => {
  const header = ["arrival_s", "function_id", "input_bytes", "params_hash"];
  const idx = columnIndex(header);

  test("fuzz: any text gives a whole number of bytes, none, or a reason naming the column", () => {
    const field = fc.oneof(
      fc.string({ maxLength: 12 }),
      fc.integer({ min: -5, max: 2 ** 45 }).map(String),
      fc.double({ noNaN: false }).map(String),
      fc.constantFrom("", " ", "1e3", "1.0", "0x10", "12 ", "-0", "Infinity", "1,5"),
    );
    fc.assert(
      fc.property(field, fc.string({ maxLength: 20 }), (raw, hash) => {
        const row = parseTraceRow(["1", "f", raw, hash], idx, 0);
        if (typeof row === "string") {
          expect(row).toMatch(
            /^input_bytes is (not a number|negative|not a whole number of bytes)/,
          );
          return;
        }
        if (raw.trim() === "") expect(Number.isNaN(row.inputBytes)).toBe(true);
        else {
          expect(Number.isInteger(row.inputBytes)).toBe(true);
          expect(row.inputBytes).toBeGreaterThanOrEqual(0);
          expect(row.inputBytes).toBe(Number(raw));
        }
        expect(row.paramsHash).toBe(hash.trim());
      }),
      { numRuns: 1000, seed: 11 },
    );
  });

  test("rows with inputs cross threads as columns unchanged", () => {
    const rows: TraceRow[] = Array.from({ length: 50 }, (_, i) => ({
      ...plainRow(i),
      functionId: `f${i % 3}`,
      paramsHash: i % 4 === 0 ? "" : paramsHash(String(i % 5)),
      inputBytes: i % 3 === 0 ? NaN : 1000 * i,
    }));
    const batch = TraceBatch.of(rows);
    expect(fromColumns(toColumns(batch, new NameNumbers()), []).rows()).toEqual(rows);
  });

  test("trace stats report the input sizes and the distinct hashes", () => {
    const b = new TraceStatsBuilder();
    for (let i = 0; i < 100; i++)
      b.add({
        ...plainRow(i),
        paramsHash: paramsHash(String(i % 7)),
        inputBytes: 1024 * 1024 * (1 + (i % 2)),
      });
    const s = b.stats();
    expect(s.paramsHashes).toEqual({ distinct: 7, atLeast: false });
    expect(s.inputMiB!.count).toBe(100);
    expect(s.inputMiB!.mean).toBeCloseTo(1.5, 9);
    expect(s.inputMiB!.max).toBe(2);
  });
});

describe("synthetic inputs", () => {
  test("each function draws from its own parameter sets; one hash, one size", () => {
    const spec = {
      size: { kind: "lognormal" as const, median: 1, p95: 4 },
      spread: { kind: "constant" as const, value: 1 },
      referenceBytes: 1 << 20,
      paramSets: 6,
      noise: 0,
    };
    const draw = requestInputs(spec, 5, [], new RandomStreams(3));
    const sizeOf = new Map<string, number>();
    const perFunction = new Map<number, Set<string>>();
    for (let i = 0; i < 3000; i++) {
      const f = i % 5;
      const { inputBytes, inputHash } = draw(f);
      expect(isParamsHash(inputHash)).toBe(true);
      expect(Number.isInteger(inputBytes) && inputBytes >= 1).toBe(true);
      expect(sizeOf.get(inputHash) ?? inputBytes).toBe(inputBytes);
      sizeOf.set(inputHash, inputBytes);
      perFunction.set(f, (perFunction.get(f) ?? new Set()).add(inputHash));
    }
    // Every set is called (600 draws of 6 each), and no two functions share one.
    for (const hashes of perFunction.values()) expect(hashes.size).toBe(6);
    expect(sizeOf.size).toBe(30);
    // The same seed gives the same inputs.
    const again = requestInputs(spec, 5, [], new RandomStreams(3));
    const first = requestInputs(spec, 5, [], new RandomStreams(3));
    for (let i = 0; i < 50; i++) expect(again(i % 5)).toEqual(first(i % 5));
  });
});

test("the Azure stand-in hash: one per function and factor-of-two band of duration", () => {
  const bands = new DurationBands();
  const h = (f: string, d: number) => bands.hashOf(f, d);
  expect(h("a", 0.0011)).toBe(h("a", 0.0019));
  expect(h("a", 0.0011)).not.toBe(h("a", 0.0021));
  expect(h("a", 0.0011)).not.toBe(h("b", 0.0011));
  expect(isParamsHash(h("a", 0))).toBe(true);
  expect(h("a", 1e9)).toBe(h("a", 1e12));
  expect(h("a", NaN)).toBe("");
  // The same on any import: a fresh instance gives the same hashes.
  expect(new DurationBands().hashOf("a", 0.5)).toBe(h("a", 0.5));
});
