import { expect, test } from "vitest";
import { workloadPrograms } from "../../sim/run/workload-source.js";
import { pickPrograms, loadCodeCorpus } from "../../traces/code-corpus.js";
import { scenario, smallWorkload } from "../support/scenario.js";

const code = new URL("../../traces/code/", import.meta.url).pathname;

function withPrograms(programs: unknown, withCode = true) {
  return scenario({
    name: "programs",
    duration: "1m",
    sla: { latency: "1s" },
    workload: { synth: { ...smallWorkload.synth, ...(withCode ? { code } : {}), programs } },
    policies: [{ policy: "static", config: { fleet: { "m5.large": 1 } } }],
  });
}

test("programs: lists files of the code directory in order, duplicates kept as weights", async () => {
  const list = ["web/auth.go", "linalg/matmul.py", "web/auth.go"];
  const s = withPrograms(list);
  expect(s.workload.kind === "synth" && s.workload.programs).toEqual(list);
  const programs = await workloadPrograms(s);
  expect(programs.map((p) => p.path)).toEqual(list);
  expect(programs[0]).toBe(programs[2]);
  // Without programs: every analyzable file of the directory.
  const all = await workloadPrograms(withPrograms(undefined));
  expect(all.length).toBeGreaterThan(30);
  expect(new Set(all.map((p) => p.path)).size).toBe(all.length);
});

test("each bad entry of programs: is reported at its index, with the file it looked for", () => {
  expect(() => withPrograms(["web/auth.go", "web/none.go", "../README.md"])).toThrow(
    /workload\.synth\.programs\[1\]: no such file in the code directory: .*web\/none\.go/s,
  );
  expect(() => withPrograms(["web/auth.go", "web/none.go", "../README.md"])).toThrow(
    /workload\.synth\.programs\[2\]: not inside/s,
  );
  // A name that merely starts with two dots is inside: reported as missing.
  expect(() => withPrograms(["..auth.go"])).toThrow(
    /workload\.synth\.programs\[0\]: no such file in the code directory: .*\/\.\.auth\.go/s,
  );
  expect(() => withPrograms(["web/auth.go"], false)).toThrow(
    /workload\.synth\.programs: programs are files of the `code:` directory, and there is none/,
  );
  expect(() => withPrograms([])).toThrow(/workload\.synth\.programs/);
});

test("a listed file the analyzer left out is an error naming it", async () => {
  const corpus = await loadCodeCorpus(code);
  expect(() => pickPrograms(corpus.slice(1), [corpus[0]!.path], code)).toThrow(
    new RegExp(`${corpus[0]!.path}.*listed in programs: but not analyzed`),
  );
  expect(pickPrograms(corpus, [`./${corpus[3]!.path}`], code)[0]).toBe(corpus[3]);
});
