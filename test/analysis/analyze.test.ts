import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { analyzeSource, type FileAnalysis } from "../../sim/analysis/analyze.js";
import { LANGUAGES, languageNamed, languageOf } from "../../sim/analysis/languages.js";
import { complexityScore, resourceProfile } from "../../sim/analysis/scores.js";
import { installedWasm } from "../../traces/tree-sitter-binaries.js";

async function analyze(lang: string, code: string): Promise<FileAnalysis> {
  return analyzeSource(code, languageNamed(lang)!, installedWasm);
}

function fn(a: FileAnalysis, name: string) {
  const f = a.functions.find((x) => x.name === name);
  if (!f) throw new Error(`no function ${name} in ${a.functions.map((x) => x.name).join(", ")}`);
  return f;
}

describe("the same program in every language gives the same shape", () => {
  // Two nested loops with one branch inside, and a recursive function.
  const programs: Record<string, string> = {
    javascript: `import { log } from "./log.js";
function pairs(xs) { const out = []; for (const a of xs) { for (const b of xs) { if (a < b) out.push([a, b]); } } log(out); return out; }
function depth(t) { return t ? 1 + depth(t.next) : 0; }`,
    typescript: `import { log } from "./log.js";
function pairs(xs: number[]): number[][] { const out: number[][] = []; for (const a of xs) { for (const b of xs) { if (a < b) out.push([a, b]); } } log(out); return out; }
function depth(t: any): number { return t ? 1 + depth(t.next) : 0; }`,
    python: `from log import log
def pairs(xs):
    out = []
    for a in xs:
        for b in xs:
            if a < b:
                out.append((a, b))
    log(out)
    return out
def depth(t):
    return 1 + depth(t.next) if t else 0
`,
    go: `package p
import "log"
func pairs(xs []int) [][]int {
  out := make([][]int, 0)
  for _, a := range xs { for _, b := range xs { if a < b { out = append(out, []int{a, b}) } } }
  log.Println(out)
  return out
}
func depth(t *Node) int { if t == nil { return 0 }; return 1 + depth(t.next) }`,
    java: `import org.log.Log;
class P {
  static java.util.List<int[]> pairs(int[] xs) { java.util.List<int[]> out = new java.util.ArrayList<>(); for (int a : xs) { for (int b : xs) { if (a < b) out.add(new int[]{a, b}); } } Log.info(out); return out; }
  static int depth(Node t) { return t == null ? 0 : 1 + depth(t.next); }
}`,
    csharp: `using Org.Log;
class P {
  static List<int[]> pairs(int[] xs) { var o = new List<int[]>(); foreach (var a in xs) { foreach (var b in xs) { if (a < b) o.Add(new int[]{a, b}); } } Log.Info(o); return o; }
  static int depth(Node t) { return t == null ? 0 : 1 + depth(t.next); }
}`,
    rust: `use crate::log::log;
fn pairs(xs: &[i32]) -> Vec<(i32, i32)> { let mut out = Vec::new(); for a in xs { for b in xs.iter() { if a < b { out.push((*a, *b)); } } } log(&out); out }
fn depth(t: Option<&Node>) -> i32 { if let Some(n) = t { 1 + depth(n.next) } else { 0 } }`,
    ruby: `require "log"
def pairs(xs)
  out = []
  xs.each do |a|
    xs.each do |b|
      out.push([a, b]) if a < b
    end
  end
  Log.info(out)
  out
end
def depth(t)
  t.nil? ? 0 : 1 + depth(t.next)
end
`,
  };

  test.each(Object.keys(programs))("%s", async (lang) => {
    const a = await analyze(lang, programs[lang]!);
    expect(a.syntaxErrors).toBe(0);
    expect(a.imports).toBe(1);
    const p = fn(a, "pairs");
    expect(p.loopNesting).toBe(2);
    expect(p.bigO).toBe("O(n^2)");
    expect(p.cyclomatic).toBe(4);
    expect(p.maxNesting).toBe(3);
    // Cognitive: loop +1, nested loop +2, nested if +3.
    expect(p.cognitive).toBe(6);
    expect(p.growthInLoops).toBeGreaterThanOrEqual(1);
    expect(p.externalCalls).toBe(1);
    expect(p.recursive).toBe(false);
    const d = fn(a, "depth");
    expect(d.recursive).toBe(true);
    expect(d.bigO).toBe("O(n)");
    expect(p.complexityScore).toBeGreaterThan(d.complexityScore);
  });
});

describe("loops that run a fixed number of times do not scale Big-O", () => {
  // Two loops over the input around a 3x3 kernel, and a loop bounded by a
  // variable, which does scale.
  const programs: Record<string, string> = {
    javascript: `function k(img, w, h) { let s = 0; for (let y = 0; y < h; y++) { for (let x = 0; x < w; x++) { for (let dy = -1; dy <= 1; dy++) { for (let dx = -1; dx <= 1; dx++) { s += img[y + dy][x + dx]; } } } } return s; }
function v(xs, n) { let s = 0; for (let i = 0; i < n; i++) { for (let j = 0; 3 > j; j++) { s += xs[i]; } } return s; }`,
    typescript: `function k(img: number[][], w: number, h: number): number { let s = 0; for (let y = 0; y < h; y++) { for (let x = 0; x < w; x++) { for (let dy = -1; dy <= 1; dy++) { for (let dx = -1; dx <= 1; dx++) { s += img[y + dy]![x + dx]!; } } } } return s; }
function v(xs: number[], n: number): number { let s = 0; for (let i = 0; i < n; i++) { for (let j = 0; 3 > j; j++) { s += xs[i]!; } } return s; }`,
    python: `def k(img, w, h):
    s = 0
    for y in range(h):
        for x in range(w):
            for dy in range(-1, 2):
                for dx in range(-1, 2):
                    s += img[y + dy][x + dx]
    return s

def v(xs, n):
    s = 0
    for i in range(n):
        for j in range(3):
            s += xs[i]
    return s
`,
    go: `package p
func k(img [][]int, w int, h int) int { s := 0; for y := 0; y < h; y++ { for x := 0; x < w; x++ { for dy := -1; dy <= 1; dy++ { for dx := -1; dx <= 1; dx++ { s += img[y+dy][x+dx] } } } }; return s }
func v(xs []int, n int) int { s := 0; for i := 0; i < n; i++ { for j := 0; 3 > j; j++ { s += xs[i] } }; return s }`,
    java: `class K {
  static int k(int[][] img, int w, int h) { int s = 0; for (int y = 0; y < h; y++) { for (int x = 0; x < w; x++) { for (int dy = -1; dy <= 1; dy++) { for (int dx = -1; dx <= 1; dx++) { s += img[y + dy][x + dx]; } } } } return s; }
  static int v(int[] xs, int n) { int s = 0; for (int i = 0; i < n; i++) { for (int j = 0; 3 > j; j++) { s += xs[i]; } } return s; }
}`,
    csharp: `class K {
  static int k(int[][] img, int w, int h) { int s = 0; for (int y = 0; y < h; y++) { for (int x = 0; x < w; x++) { for (int dy = -1; dy <= 1; dy++) { for (int dx = -1; dx <= 1; dx++) { s += img[y + dy][x + dx]; } } } } return s; }
  static int v(int[] xs, int n) { int s = 0; for (int i = 0; i < n; i++) { for (int j = 0; 3 > j; j++) { s += xs[i]; } } return s; }
}`,
    rust: `fn k(img: &Vec<Vec<i32>>, w: usize, h: usize) -> i32 { let mut s = 0; for y in 1..h { for x in 1..w { for dy in 0..3 { for dx in 0..3 { s += img[y + dy - 1][x + dx - 1]; } } } } s }
fn v(xs: &[i32], n: usize) -> i32 { let mut s = 0; for i in 0..n { for _j in 0..3 { s += xs[i]; } } s }`,
    ruby: `def k(img, w, h)
  s = 0
  h.times do |y|
    w.times do |x|
      (0..2).each do |dy|
        for dx in 0..2 do
          s += img[y + dy - 1][x + dx - 1]
        end
      end
    end
  end
  s
end
def v(xs, n)
  s = 0
  n.times { |i| 3.times { s += xs[i] } }
  s
end
`,
  };

  test.each(Object.keys(programs))("%s", async (lang) => {
    const a = await analyze(lang, programs[lang]!);
    expect(a.syntaxErrors).toBe(0);
    const k = fn(a, "k");
    expect(k.loopNesting).toBe(4);
    expect(k.bigO).toBe("O(n^2)");
    const v = fn(a, "v");
    expect(v.loopNesting).toBe(2);
    expect(v.bigO).toBe("O(n)");
  });
});

describe("loops that walk a tile count as fixed; the loops over tiles scale", () => {
  // t: a tiled 2-D walk (tiles of B, each at most B steps) is O(n^2), not
  // O(n^4). w: a window whose length is a variable, not a constant, scales.
  const programs: Record<string, string> = {
    javascript: `function t(a, n) { let s = 0; for (let ii = 0; ii < n; ii += B) { for (let jj = 0; jj < n; jj += B) { for (let i = ii; i < Math.min(ii + B, n); i++) { for (let j = jj; j < jj + 16; j++) { s += a[i][j]; } } } } return s; }
function w(a, n, len) { let s = 0; for (let lo = 0; lo < n; lo++) { for (let i = lo; i < lo + len; i++) { s += a[i]; } } return s; }`,
    typescript: `function t(a: number[][], n: number): number { let s = 0; for (let ii = 0; ii < n; ii += B) { for (let jj = 0; jj < n; jj += B) { for (let i = ii; i < Math.min(ii + B, n); i++) { for (let j = jj; j < jj + 16; j++) { s += a[i]![j]!; } } } } return s; }
function w(a: number[], n: number, len: number): number { let s = 0; for (let lo = 0; lo < n; lo++) { for (let i = lo; i < lo + len; i++) { s += a[i]!; } } return s; }`,
    python: `def t(a, n):
    s = 0
    for ii in range(0, n, B):
        for jj in range(0, n, B):
            for i in range(ii, min(ii + B, n)):
                for j in range(jj, jj + 16):
                    s += a[i][j]
    return s

def w(a, n, length):
    s = 0
    for lo in range(n):
        for i in range(lo, lo + length):
            s += a[i]
    return s
`,
    go: `package p
func t(a [][]int, n int) int { s := 0; for ii := 0; ii < n; ii += B { for jj := 0; jj < n; jj += B { for i := ii; i < min(ii+B, n); i++ { for j := jj; j < jj+16; j++ { s += a[i][j] } } } }; return s }
func w(a []int, n int, length int) int { s := 0; for lo := 0; lo < n; lo++ { for i := lo; i < lo+length; i++ { s += a[i] } }; return s }`,
    java: `class T {
  static int t(int[][] a, int n) { int s = 0; for (int ii = 0; ii < n; ii += B) { for (int jj = 0; jj < n; jj += B) { for (int i = ii; i < Math.min(ii + B, n); i++) { for (int j = jj; j < jj + 16; j++) { s += a[i][j]; } } } } return s; }
  static int w(int[] a, int n, int len) { int s = 0; for (int lo = 0; lo < n; lo++) { for (int i = lo; i < lo + len; i++) { s += a[i]; } } return s; }
}`,
    csharp: `class T {
  static int t(int[][] a, int n) { int s = 0; for (int ii = 0; ii < n; ii += B) { for (int jj = 0; jj < n; jj += B) { for (int i = ii; i < Math.Min(ii + B, n); i++) { for (int j = jj; j < jj + 16; j++) { s += a[i][j]; } } } } return s; }
  static int w(int[] a, int n, int len) { int s = 0; for (int lo = 0; lo < n; lo++) { for (int i = lo; i < lo + len; i++) { s += a[i]; } } return s; }
}`,
    rust: `fn t(a: &Vec<Vec<i32>>, n: usize) -> i32 { let mut s = 0; for ii in (0..n).step_by(B) { for jj in (0..n).step_by(B) { for i in ii..(ii + B).min(n) { for j in jj..jj + 16 { s += a[i][j]; } } } } s }
fn w(a: &[i32], n: usize, len: usize) -> i32 { let mut s = 0; for lo in 0..n { for i in lo..lo + len { s += a[i]; } } s }`,
    ruby: `def t(a, n)
  s = 0
  (0...n).step(B) do |ii|
    (0...n).step(B) do |jj|
      (ii...[ii + B, n].min).each do |i|
        (jj...jj + 16).each do |j|
          s += a[i][j]
        end
      end
    end
  end
  s
end
def w(a, n, len)
  s = 0
  n.times do |lo|
    (lo...lo + len).each { |i| s += a[i] }
  end
  s
end
`,
  };

  test.each(Object.keys(programs))("%s", async (lang) => {
    const a = await analyze(lang, programs[lang]!);
    expect(a.syntaxErrors).toBe(0);
    const t = fn(a, "t");
    expect(t.loopNesting).toBe(4);
    expect(t.bigO).toBe("O(n^2)");
    const w = fn(a, "w");
    expect(w.loopNesting).toBe(2);
    expect(w.bigO).toBe("O(n^2)");
  });
});

describe("calls into the file's own functions fold their loops in", () => {
  // outer: a loop around a helper that loops. sort: divide and conquer whose
  // merge is a helper. expr/term: mutual recursion, which does not compound.
  const programs: Record<string, string> = {
    javascript: `function scan(xs) { let s = 0; for (const x of xs) s += x; return s; }
function outer(rows) { let t = 0; for (const r of rows) t += scan(r); return t; }
function merge(a, b) { const out = []; while (a.length && b.length) out.push(a[0] < b[0] ? a.shift() : b.shift()); return out.concat(a, b); }
function sort(xs) { if (xs.length < 2) return xs; const m = xs.length >> 1; return merge(sort(xs.slice(0, m)), sort(xs.slice(m))); }
function expr(p) { let v = term(p); while (p.peek() === "+") { p.next(); v += term(p); } return v; }
function term(p) { let v = p.atom() ?? expr(p); while (p.peek() === "*") { p.next(); v *= p.atom(); } return v; }`,
    python: `def scan(xs):
    s = 0
    for x in xs:
        s += x
    return s

def outer(rows):
    return sum(scan(r) for r in rows)

def merge(a, b):
    out = []
    while a and b:
        out.append(a.pop(0) if a[0] < b[0] else b.pop(0))
    return out + a + b

def sort(xs):
    if len(xs) < 2:
        return xs
    m = len(xs) // 2
    return merge(sort(xs[:m]), sort(xs[m:]))

def expr(p):
    v = term(p)
    while p.peek() == "+":
        p.next()
        v += term(p)
    return v

def term(p):
    v = p.atom() or expr(p)
    while p.peek() == "*":
        p.next()
        v *= p.atom()
    return v
`,
    go: `package p
func scan(xs []int) int { s := 0; for _, x := range xs { s += x }; return s }
func outer(rows [][]int) int { t := 0; for _, r := range rows { t += scan(r) }; return t }
func merge(a, b []int) []int { out := []int{}; for len(a) > 0 && len(b) > 0 { if a[0] < b[0] { out = append(out, a[0]); a = a[1:] } else { out = append(out, b[0]); b = b[1:] } }; return append(append(out, a...), b...) }
func sort(xs []int) []int { if len(xs) < 2 { return xs }; m := len(xs) / 2; return merge(sort(xs[:m]), sort(xs[m:])) }
func expr(p *P) int { v := term(p); for p.peek() == '+' { p.next(); v += term(p) }; return v }
func term(p *P) int { v := p.atom(); if v < 0 { v = expr(p) }; for p.peek() == '*' { p.next(); v *= p.atom() }; return v }`,
  };

  test.each(Object.keys(programs))("%s", async (lang) => {
    const a = await analyze(lang, programs[lang]!);
    expect(a.syntaxErrors).toBe(0);
    expect(fn(a, "scan").bigO).toBe("O(n)");
    expect(fn(a, "outer").bigO).toBe("O(n^2)");
    // Its own loop nesting stays what the code shows.
    expect(fn(a, "outer").loopNesting).toBe(1);
    expect(fn(a, "sort").bigO).toBe("O(n log n)");
    expect(fn(a, "expr").bigO).toBe("O(n)");
    expect(fn(a, "term").bigO).toBe("O(n)");
  });

  test("a comprehension's clauses nest, and its element runs inside them all", async () => {
    const a = await analyze(
      "python",
      "def pairs(a, b):\n    return [x * y for x in a for y in b if x != y]\n\ndef k(a):\n    return [x for x in a for d in range(3)]\n",
    );
    expect(fn(a, "pairs").loopNesting).toBe(2);
    expect(fn(a, "pairs").bigO).toBe("O(n^2)");
    expect(fn(a, "pairs").growthInLoops).toBe(0);
    expect(fn(a, "k").loopNesting).toBe(2);
    expect(fn(a, "k").bigO).toBe("O(n)");
  });

  test("a loop that counts down to a literal, or waits on one, still scales", async () => {
    const a = await analyze(
      "javascript",
      "function d(n) { let s = 0; for (let i = n; i >= 0; i--) s += i; return s; }\nfunction w(x) { while (x > 0) x = x >> 1; return x; }",
    );
    expect(fn(a, "d").bigO).toBe("O(n)");
    expect(fn(a, "w").bigO).toBe("O(n)");
  });
});

describe("metrics", () => {
  test("logical operators add decision points; else-if chains do not nest", async () => {
    const a = await analyze(
      "javascript",
      "function f(a, b, c) { if (a && b || c) { return 1; } else if (b) { return 2; } else if (c) { return 3; } return 0; }",
    );
    const f = fn(a, "f");
    expect(f.cyclomatic).toBe(1 + 3 + 2);
    expect(f.maxNesting).toBe(1);
    // if +1, && / || sequences +2, two else-ifs +1 each.
    expect(f.cognitive).toBe(5);
  });

  test.each([
    [
      "java",
      "class C { int f(int a) { if (a > 2) { return 1; } else if (a > 1) { return 2; } else if (a > 0) { return 3; } return 0; } }",
    ],
    [
      "go",
      "package p\nfunc f(a int) int { if a > 2 { return 1 } else if a > 1 { return 2 } else if a > 0 { return 3 }; return 0 }",
    ],
    [
      "csharp",
      "class C { int f(int a) { if (a > 2) { return 1; } else if (a > 1) { return 2; } else if (a > 0) { return 3; } return 0; } }",
    ],
    [
      "rust",
      "fn f(a: i32) -> i32 { if a > 2 { 1 } else if a > 1 { 2 } else if a > 0 { 3 } else { 0 } }",
    ],
    ["ruby", "def f(a)\n  if a > 2 then 1 elsif a > 1 then 2 elsif a > 0 then 3 else 0 end\nend\n"],
    [
      "javascript",
      "function f(a) { if (a > 2) { return 1; } else if (a > 1) { return 2; } else if (a > 0) { return 3; } return 0; }",
    ],
  ])("%s: an else-if chain is one nesting level, one increment a link", async (lang, code) => {
    const f = fn(await analyze(lang, code), "f");
    expect(f.cyclomatic).toBe(4);
    expect(f.maxNesting).toBe(1);
    expect(f.cognitive).toBe(3);
  });

  test("branching recursion without loops is exponential; with loops, divide and conquer", async () => {
    const a = await analyze(
      "python",
      "def fib(n):\n    return n if n < 2 else fib(n - 1) + fib(n - 2)\n\ndef qs(xs):\n    if not xs: return xs\n    return qs([x for x in xs[1:] if x < xs[0]]) + [xs[0]] + qs([x for x in xs[1:] if x >= xs[0]])\n",
    );
    expect(fn(a, "fib").bigO).toBe("O(2^n)");
    expect(fn(a, "qs").bigO).toBe("O(n log n)");
  });

  test("Halstead volume grows with the code", async () => {
    const small = fn(await analyze("go", "package p\nfunc f(a int) int { return a + 1 }"), "f");
    const large = fn(
      await analyze(
        "go",
        "package p\nfunc f(a, b, c int) int { x := a*b + c; y := x - a/b; return x*y + a - c }",
      ),
      "f",
    );
    expect(large.halsteadVolume).toBeGreaterThan(small.halsteadVolume * 2);
  });

  test("IO, network and locking sites are counted", async () => {
    const a = await analyze(
      "java",
      `import java.net.http.HttpClient;
class S { void run() throws Exception { synchronized (this) { java.nio.file.Files.readAllLines(null); } java.net.URL u = null; u.openConnection(); } }`,
    );
    const r = fn(a, "run");
    expect(r.criticalSections).toBe(1);
    expect(r.ioCalls).toBe(1);
    expect(r.networkCalls).toBe(1);
    expect(a.demand.criticalSections).toBe(1);
  });

  test("fetch is network when called bare, not as a method (a Ruby hash's, a cache's)", async () => {
    const js = await analyze(
      "javascript",
      "function f(cache, u) { cache.fetch(u); return fetch(u); }",
    );
    expect(fn(js, "f").networkCalls).toBe(1);
    const rb = await analyze("ruby", 'def f(h)\n  h.fetch(:a) + ENV.fetch("B")\nend\n');
    expect(fn(rb, "f").networkCalls).toBe(0);
  });

  test("seed 000's table: 0-10 Small, 11-25 Medium, 26-50 Large, 51+ Extreme", () => {
    expect([0, 10, 11, 25, 26, 50, 51, 500].map(resourceProfile)).toEqual([
      "Small",
      "Small",
      "Medium",
      "Medium",
      "Large",
      "Large",
      "Extreme",
      "Extreme",
    ]);
  });

  test("the complexity score stays in 0-100 and grows with every metric", () => {
    fc.assert(
      fc.property(
        fc.nat(200),
        fc.nat(200),
        fc.nat(6),
        fc.nat(10_000),
        fc.nat(30),
        fc.nat(30),
        (cc, cog, loops, hv, coll, deps) => {
          const m = {
            name: "f",
            startLine: 1,
            endLine: 1,
            cyclomatic: cc + 1,
            cognitive: cog,
            maxNesting: loops,
            loopNesting: loops,
            bigO: "",
            halsteadVolume: hv,
            collections: coll,
            growthInLoops: 0,
            externalCalls: 0,
            recursive: false,
            ioCalls: 0,
            networkCalls: 0,
            criticalSections: 0,
          };
          const s = complexityScore(m, deps);
          expect(s).toBeGreaterThanOrEqual(0);
          expect(s).toBeLessThanOrEqual(100);
          expect(
            complexityScore({ ...m, cyclomatic: m.cyclomatic + 5 }, deps),
          ).toBeGreaterThanOrEqual(s);
          expect(
            complexityScore({ ...m, loopNesting: m.loopNesting + 1 }, deps),
          ).toBeGreaterThanOrEqual(s);
        },
      ),
      { seed: 4 },
    );
  });
});

describe("robustness", () => {
  test("languages are found by extension", () => {
    expect(languageOf("a/b.py")?.name).toBe("python");
    expect(languageOf("x.TSX")?.name).toBe("tsx");
    expect(languageOf("x.rb")?.name).toBe("ruby");
    expect(languageOf("x.php")).toBeUndefined();
    expect(LANGUAGES.map((l) => l.name)).toEqual([
      "javascript",
      "typescript",
      "tsx",
      "python",
      "go",
      "java",
      "csharp",
      "rust",
      "ruby",
    ]);
  });

  test("fuzz: malformed or random source never crashes the analyzer", async () => {
    const seedCode =
      "function f(x) { for (let i = 0; i < x; i++) { if (i % 2) { g(i); } } return x; }";
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...LANGUAGES.map((l) => l.name)),
        fc.oneof(
          fc.string({ maxLength: 200 }),
          fc
            .tuple(fc.nat(seedCode.length), fc.nat(seedCode.length), fc.string({ maxLength: 5 }))
            .map(
              ([a, b, s]) => seedCode.slice(0, Math.min(a, b)) + s + seedCode.slice(Math.max(a, b)),
            ),
        ),
        async (lang, code) => {
          const a = await analyze(lang, code);
          expect(a.functions.length).toBeGreaterThanOrEqual(1);
          expect(a.complexityScore).toBeGreaterThanOrEqual(0);
          expect(a.complexityScore).toBeLessThanOrEqual(100);
        },
      ),
      { numRuns: 300, seed: 8 },
    );
  });
});
