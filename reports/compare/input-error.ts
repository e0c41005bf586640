/** An input `sim compare` cannot read: the file and what is wrong with it, for one line. */
export class CompareInputError extends Error {
  override name = "CompareInputError";
  constructor(
    readonly file: string,
    readonly reason: string,
  ) {
    super(`${file}: ${reason}`);
  }
}
