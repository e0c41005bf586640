/**
 * A number and one shared string per distinct pair of names, joined: the
 * function ids of an import ("app/func"). Each CSV row brings its names
 * afresh, as slices of the text read; a row that kept them would keep that
 * text alive, and every later lookup by id would hash them again.
 * Interned, every row of a function holds the one string, whose hash V8
 * computes once.
 *
 * Finding the pair must cost less than building the id would save, so the
 * hash reads at most 16 characters spread over each name (plus its last,
 * and its length): long hashed names, the Azure traces' 64 hex digits, cost
 * what short ones do. Equality is checked in full. Names that differ only
 * where the hash does not read would share slots; once a probe runs long,
 * the table hashes every character instead.
 */
const FNV_PRIME = 0x01000193;
const LONG_PROBE = 32;

export class PairInterner {
  private firsts: (string | undefined)[] = new Array(1024);
  private seconds: string[] = new Array(1024);
  private numbers = new Int32Array(1024);
  private readonly names: string[] = [];
  private everyChar = false;

  constructor(private readonly separator: string) {}

  /** The pair's number: 0 for the first pair seen, 1 for the next, and so on. */
  indexOf(first: string, second: string): number {
    const mask = this.firsts.length - 1;
    let i = this.hash(first, second) & mask;
    for (let probes = 0; ; probes++) {
      const f = this.firsts[i];
      if (f === undefined) {
        if (probes > LONG_PROBE && !this.everyChar) {
          this.everyChar = true;
          this.rehash(this.firsts.length);
          return this.indexOf(first, second);
        }
        return this.insert(i, first, second);
      }
      if (f === first && this.seconds[i] === second) return this.numbers[i]!;
      i = (i + 1) & mask;
    }
  }

  /** `${first}${separator}${second}` of pair `index`, the same string every time. */
  joined(index: number): string {
    return this.names[index]!;
  }

  /** Distinct pairs seen. */
  get count(): number {
    return this.names.length;
  }

  private insert(i: number, first: string, second: string): number {
    // Copies, so the table does not keep the text the names were sliced from.
    const f = detached(first);
    const s = detached(second);
    const index = this.names.length;
    this.names.push(detached(`${f}${this.separator}${s}`));
    this.firsts[i] = f;
    this.seconds[i] = s;
    this.numbers[i] = index;
    if (this.names.length * 2 > this.firsts.length) this.rehash(this.firsts.length * 2);
    return index;
  }

  private rehash(capacity: number): void {
    const { firsts, seconds, numbers } = this;
    this.firsts = new Array(capacity);
    this.seconds = new Array(capacity);
    this.numbers = new Int32Array(capacity);
    const mask = capacity - 1;
    for (let k = 0; k < firsts.length; k++) {
      const f = firsts[k];
      if (f === undefined) continue;
      let i = this.hash(f, seconds[k]!) & mask;
      while (this.firsts[i] !== undefined) i = (i + 1) & mask;
      this.firsts[i] = f;
      this.seconds[i] = seconds[k]!;
      this.numbers[i] = numbers[k]!;
    }
  }

  private hash(first: string, second: string): number {
    return this.hashOne(first) ^ Math.imul(this.hashOne(second), 0x9e3779b1);
  }

  private hashOne(s: string): number {
    const n = s.length;
    let h = n;
    if (n <= 16 || this.everyChar) {
      for (let i = 0; i < n; i++) h = Math.imul(h ^ s.charCodeAt(i), FNV_PRIME);
      return h;
    }
    const step = n / 16;
    for (let k = 0; k < 16; k++) h = Math.imul(h ^ s.charCodeAt((k * step) | 0), FNV_PRIME);
    return Math.imul(h ^ s.charCodeAt(n - 1), FNV_PRIME);
  }
}

/** A copy of s that shares no memory with the string it was sliced from. */
function detached(s: string): string {
  return JSON.parse(JSON.stringify(s)) as string;
}
