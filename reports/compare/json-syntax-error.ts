/**
 * Where JSON text stops being JSON, and why: JSON.parse's own message has
 * no position in some Node versions and quotes the text across lines, so
 * the position is found here, by a scanner that only runs once parsing
 * has failed.
 */

export interface SyntaxFault {
  readonly offset: number;
  readonly reason: string;
}

class Fault extends Error {
  constructor(
    readonly offset: number,
    readonly reason: string,
  ) {
    super(reason);
  }
}

const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
// JSON forbids raw control characters inside a string.
// eslint-disable-next-line no-control-regex
const STRING = /"(?:[^"\\\u0000-\u001f]|\\(?:["\\/bfnrt]|u[0-9a-fA-F]{4}))*"/y;

class Scanner {
  i = 0;
  constructor(private readonly text: string) {}

  private ws(): void {
    while (/[ \t\n\r]/.test(this.text[this.i] ?? "")) this.i++;
  }

  private unexpected(expected: string): never {
    const c = this.text[this.i];
    const found = c === undefined ? "the end of the file" : JSON.stringify(c);
    throw new Fault(this.i, `expected ${expected}, found ${found}`);
  }

  private match(re: RegExp): boolean {
    re.lastIndex = this.i;
    if (!re.test(this.text)) return false;
    this.i = re.lastIndex;
    return true;
  }

  value(): void {
    this.ws();
    const c = this.text[this.i];
    if (c === "{") return this.members("}", () => this.member());
    if (c === "[") return this.members("]", () => this.value());
    if (c === '"') {
      if (!this.match(STRING))
        throw new Fault(this.i, "a string that is not closed or escapes badly");
      return;
    }
    for (const word of ["true", "false", "null"])
      if (this.text.startsWith(word, this.i)) {
        this.i += word.length;
        return;
      }
    if (!this.match(NUMBER)) this.unexpected("a value");
  }

  private member(): void {
    this.ws();
    if (this.text[this.i] !== '"') this.unexpected("a property name in double quotes");
    this.value();
    this.ws();
    if (this.text[this.i] !== ":") this.unexpected('":"');
    this.i++;
    this.value();
  }

  /** An object's or array's items up to `close`, with `item` reading one. */
  private members(close: string, item: () => void): void {
    this.i++;
    this.ws();
    if (this.text[this.i] === close) {
      this.i++;
      return;
    }
    for (;;) {
      item();
      this.ws();
      const c = this.text[this.i];
      if (c === close) {
        this.i++;
        return;
      }
      if (c !== ",") this.unexpected(`"," or "${close}"`);
      this.i++;
    }
  }

  end(): void {
    this.ws();
    if (this.i < this.text.length) this.unexpected("the end of the file");
  }
}

/** The first fault of `text`, or undefined if it is JSON (or nests too deep to scan). */
export function jsonSyntaxFault(text: string): SyntaxFault | undefined {
  const s = new Scanner(text);
  try {
    s.value();
    s.end();
    return undefined;
  } catch (e) {
    if (e instanceof Fault) return { offset: e.offset, reason: e.reason };
    return undefined;
  }
}
