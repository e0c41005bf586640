/**
 * CSV built straight into bytes: the text reports/csv.ts's csvCell and
 * csvLine give, without a string per cell. Writing a large CSV (a trace, a
 * row per request) is otherwise dominated by number formatting and string
 * concatenation. It lies below traces/ and reports/, which both write CSV,
 * and imports nothing of the project.
 *
 * Numbers with at most six decimals are written digit by digit (see
 * number-text.ts for why that is String's text); ASCII text is copied a
 * character at a time, and anything else goes through Buffer's encoder.
 */
import { exactMicros } from "./number-text.js";

const COMMA = 44;
const NEWLINE = 10;
const QUOTE = 34;
const POINT = 46;
const ZERO = 48;
const KNOWN_TEXTS = 1 << 16;

export class CsvBytes {
  private buf: Buffer;
  private pos = 0;
  private readonly known = new Map<string, Uint8Array>();

  constructor(private readonly initialBytes = 1 << 18) {
    this.buf = Buffer.allocUnsafe(initialBytes);
  }

  /** Bytes built and not yet taken. */
  get length(): number {
    return this.pos;
  }

  /** The bytes built so far, handed over: later writes go to a fresh buffer. */
  take(): Buffer {
    const out = this.buf.subarray(0, this.pos);
    this.buf = Buffer.allocUnsafe(this.initialBytes);
    this.pos = 0;
    return out;
  }

  comma(): void {
    this.room(1);
    this.buf[this.pos++] = COMMA;
  }

  newline(): void {
    this.room(1);
    this.buf[this.pos++] = NEWLINE;
  }

  /** A number cell as csvCell writes it: not finite is empty. */
  number(x: number): void {
    const micros = exactMicros(x);
    if (micros >= 0) this.micros(micros);
    else if (Number.isFinite(x)) this.ascii(String(x));
  }

  /** A text cell, quoted as RFC 4180 asks when it holds a comma, quote or line break. */
  text(s: string): void {
    const n = s.length;
    this.room(n);
    const buf = this.buf;
    let p = this.pos;
    for (let i = 0; i < n; i++) {
      const c = s.charCodeAt(i);
      if (c >= 128 || c === COMMA || c === QUOTE || c === NEWLINE || c === 13) {
        return this.slowText(s);
      }
      buf[p++] = c;
    }
    this.pos = p;
  }

  /**
   * A text cell that recurs row after row (a function id): its bytes are
   * kept, up to a bound, and copied, so a long name is encoded once.
   */
  repeatedText(s: string): void {
    // A short one copies faster than it is looked up.
    if (s.length < 24) return this.text(s);
    const bytes = this.known.get(s);
    if (bytes === undefined) {
      const start = this.pos;
      this.text(s);
      // A copy: a view would keep the whole chunk alive after it is taken.
      if (this.known.size < KNOWN_TEXTS) {
        this.known.set(s, new Uint8Array(this.buf.subarray(start, this.pos)));
      }
      return;
    }
    this.room(bytes.length);
    this.buf.set(bytes, this.pos);
    this.pos += bytes.length;
  }

  /** A whole line of header names. */
  header(names: readonly string[]): void {
    names.forEach((name, i) => {
      if (i > 0) this.comma();
      this.text(name);
    });
    this.newline();
  }

  // Integer arithmetic in int32 where it can be: `%` on doubles is a call to fmod.
  private micros(micros: number): void {
    this.room(24);
    const whole = Math.floor(micros / 1e6);
    let fraction = (micros - whole * 1e6) | 0;
    if (whole <= 0x7fffffff) this.int32(whole | 0);
    else this.ascii(String(whole));
    if (fraction === 0) return;
    let digits = 6;
    while (fraction % 10 === 0) {
      fraction = (fraction / 10) | 0;
      digits--;
    }
    const buf = this.buf;
    const point = this.pos;
    buf[point] = POINT;
    for (let k = point + digits; k > point; k--) {
      const rest = (fraction / 10) | 0;
      buf[k] = ZERO + fraction - rest * 10;
      fraction = rest;
    }
    this.pos = point + digits + 1;
  }

  private int32(v: number): void {
    let digits = 1;
    for (let t = v; t >= 10; t = (t / 10) | 0) digits++;
    const buf = this.buf;
    const end = this.pos + digits;
    for (let k = end - 1; k >= this.pos; k--) {
      const rest = (v / 10) | 0;
      buf[k] = ZERO + v - rest * 10;
      v = rest;
    }
    this.pos = end;
  }

  private ascii(s: string): void {
    this.room(s.length);
    for (let i = 0; i < s.length; i++) this.buf[this.pos++] = s.charCodeAt(i);
  }

  private slowText(s: string): void {
    const quoted = /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
    this.room(Buffer.byteLength(quoted));
    this.pos += this.buf.write(quoted, this.pos);
  }

  /** Makes room for n more bytes, growing the buffer when it is full. */
  private room(n: number): void {
    if (this.pos + n <= this.buf.length) return;
    const bigger = Buffer.allocUnsafe(Math.max(this.buf.length * 2, this.pos + n));
    this.buf.copy(bigger, 0, 0, this.pos);
    this.buf = bigger;
  }
}
