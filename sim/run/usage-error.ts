/** A request the run cannot honour as asked (an option, a limit): exit code 2, no stack. */
export class UsageError extends Error {
  override name = "UsageError";
}
