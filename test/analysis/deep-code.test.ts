/** Code nested far deeper than any recursion can follow is analyzed; a file that fails is its own result. */
import { expect, test } from "vitest";
import { analyzeFile, analyzeSource, type FileAnalysis } from "../../sim/analysis/analyze.js";
import { composedNesting } from "../../sim/analysis/big-o.js";
import { languageNamed } from "../../sim/analysis/languages.js";
import { installedWasm } from "../../traces/tree-sitter-binaries.js";

const analyze = (lang: string, code: string): Promise<FileAnalysis> =>
  analyzeSource(code, languageNamed(lang)!, installedWasm);

const fn = (a: FileAnalysis, name: string) => a.functions.find((f) => f.name === name)!;

test("parentheses 5,000 and 50,000 deep", async () => {
  for (const depth of [5_000, 50_000]) {
    const a = await analyze("javascript", `const x = ${"(".repeat(depth)}1${")".repeat(depth)};\n`);
    expect(a.syntaxErrors).toBe(0);
    expect(a.functions.map((f) => f.name)).toEqual(["<module>"]);
    expect(a.functions[0]!.halsteadVolume).toBeGreaterThan(0);
  }
});

test("ifs nested 1,500 deep: every one a decision, each a level deeper", async () => {
  const depth = 1_500;
  let code = "function f(a) {\n";
  for (let i = 0; i < depth; i++) code += `if (a > ${i}) {\n`;
  code += "a++;\n" + "}\n".repeat(depth) + "}\n";
  const f = fn(await analyze("javascript", code), "f");
  expect(f.cyclomatic).toBe(depth + 1);
  expect(f.maxNesting).toBe(depth);
  // Cognitive: 1 + nesting for each, 1 + 2 + ... + 1500.
  expect(f.cognitive).toBe((depth * (depth + 1)) / 2);
});

test("functions nested 3,000 deep are 3,000 functions, each named by what holds it", async () => {
  const depth = 3_000;
  let code = "";
  for (let i = 0; i < depth; i++) code += `const f${i} = () => {\n`;
  code += "return 1;\n" + "};\n".repeat(depth);
  const a = await analyze("javascript", code);
  expect(a.functions).toHaveLength(depth + 1);
  expect(fn(a, "f0").startLine).toBe(1);
  expect(fn(a, `f${depth - 1}`).startLine).toBe(depth);
});

test("comprehensions nested 10,000 deep, Python", async () => {
  const depth = 10_000;
  const code = `xs = ${"[".repeat(depth)}y${" for y in ys]".repeat(depth)}\n`;
  const m = (await analyze("python", code)).functions[0]!;
  expect(m.loopNesting).toBe(depth);
  expect(m.collections).toBe(depth);
});

test("a loop bound under 5,000 parentheses still reads as a tile", async () => {
  const p = 5_000;
  const code = `function t(a, n) { let s = 0; for (let ii = 0; ii < n; ii += 8) { for (let i = ii; i < ${"(".repeat(p)}ii + 8${")".repeat(p)}; i++) { s += a[i]; } } return s; }`;
  expect(fn(await analyze("javascript", code), "t").bigO).toBe("O(n)");
});

test("a chain of 30,000 functions each calling the next composes without recursion", () => {
  const n = 30_000;
  const functions = Array.from({ length: n }, (_, i) => ({
    name: `f${i}`,
    scalingLoopNesting: i === n - 1 ? 1 : 0,
    localCalls: i === n - 1 ? [] : [{ name: `f${i + 1}`, depth: 0 }],
  }));
  const nesting = composedNesting(functions);
  expect(nesting.get(functions[0]!)).toBe(1);
  // Closed into a cycle, they are one group: calls within it fold nothing in.
  functions[n - 1]!.localCalls.push({ name: "f0", depth: 1 });
  const cycle = composedNesting(functions);
  expect(cycle.get(functions[0]!)).toBe(0);
  expect(cycle.get(functions[n - 1]!)).toBe(1);
});

test("a file the analyzer fails on is a result with its error; the next file is analyzed", async () => {
  const go = languageNamed("go")!;
  const missing = {
    runtime: installedWasm.runtime,
    grammar: () => Promise.reject(new Error("no grammar here")),
  };
  expect(await analyzeFile("package p\n", go, missing, "p.go")).toEqual({
    path: "p.go",
    language: "go",
    error: "no grammar here",
  });
  const ok = await analyzeFile("package p\nfunc f() {}\n", go, installedWasm, "q.go");
  expect(ok).toMatchObject({ path: "q.go", language: "go", lines: 3 });
});
