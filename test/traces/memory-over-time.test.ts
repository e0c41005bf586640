/**
 * Seed 000's runtime triggers, deep recursion and data growth, show in a
 * request's memory over its run: sampled at points of its progress, the
 * memory of a program whose data grows (word counts) or whose recursion
 * deepens (N-queens) rises with the work, a late spike (an ETL's final
 * join) jumps where it comes, and a larger input grows further.
 */
import { beforeAll, describe, expect, test } from "vitest";
import { memoryAtMiB } from "../../sim/model/memory-profile.js";
import type { WorkRequest } from "../../sim/model/request.js";
import { RandomStreams } from "../../sim/random/streams.js";
import { loadCodeCorpus, type CodeProgram } from "../../traces/code-corpus.js";
import { synthWorkload } from "../../traces/synth/workload.js";
import { synthSpec } from "../support/synth.js";

let programs: CodeProgram[] = [];
beforeAll(async () => {
  programs = await loadCodeCorpus(new URL("../../traces/code/", import.meta.url).pathname);
});

/** Requests of one program, with inputs spread around its reference. */
function requestsOf(path: string, n: number): WorkRequest[] {
  const program = programs.filter((p) => p.path === path);
  expect(program).toHaveLength(1);
  const spec = synthSpec({
    functions: 1,
    input: {
      size: { kind: "lognormal", median: 1, p95: 4 },
      spread: { kind: "constant", value: 1 },
      referenceBytes: 1 << 20,
      paramSets: 50,
      noise: 0,
    },
  });
  const source = synthWorkload(spec, new RandomStreams(9), program);
  return Array.from({ length: n }, () => source.next()!);
}

/** Memory at 0%, 10%, ... 100% of the work. */
const samples = (r: WorkRequest) =>
  Array.from({ length: 11 }, (_, k) => memoryAtMiB(r.demand, k / 10));

describe("memory over a run's progress", () => {
  test.each(["parse/word_freq.rb", "search/nqueens.js"])(
    "%s grows with the work, and further with a larger input",
    (path) => {
      const rs = requestsOf(path, 400);
      for (const r of rs) {
        expect(r.demand.memory?.kind).toBe("linear");
        const m = samples(r);
        for (let k = 1; k < m.length; k++) expect(m[k]!).toBeGreaterThan(m[k - 1]!);
        expect(m[10]).toBeCloseTo(r.demand.memMiB, 9);
        expect(m[0]!).toBeLessThan(r.demand.memMiB);
      }
      const bySize = [...rs].sort((a, b) => a.inputBytes! - b.inputBytes!);
      const small = bySize[0]!;
      const large = bySize[bySize.length - 1]!;
      expect(large.inputBytes!).toBeGreaterThan(small.inputBytes!);
      expect(samples(large)[10]!).toBeGreaterThan(samples(small)[10]!);
      // The growth during the run is larger, too: the trigger to watch.
      expect(samples(large)[10]! - samples(large)[0]!).toBeGreaterThan(
        samples(small)[10]! - samples(small)[0]!,
      );
    },
  );

  test("an ETL's memory holds, then spikes late in its run", () => {
    for (const r of requestsOf("io/etl.py", 50)) {
      const p = r.demand.memory!;
      expect(p.kind).toBe("spike");
      if (p.kind !== "spike") continue;
      const m = samples(r);
      const before = m.filter((_, k) => k / 10 < p.atFrac);
      const after = m.filter((_, k) => k / 10 >= p.atFrac);
      expect(before.length).toBeGreaterThan(5);
      for (const x of before) expect(x).toBeCloseTo(p.baseFrac * r.demand.memMiB, 9);
      for (const x of after) expect(x).toBe(r.demand.memMiB);
    }
  });
});
