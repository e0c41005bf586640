/**
 * SIGINT and SIGTERM as an abort signal: the command stops at its next
 * step, its own cleanup removes what it had half-written, and main exits
 * 130 or 143 (128 + the signal's number), as shells expect. A second
 * signal ends the process at once.
 */
const EXIT_CODES = { SIGINT: 130, SIGTERM: 143 } as const;

export type StopSignal = keyof typeof EXIT_CODES;

export class Interrupted extends Error {
  override name = "Interrupted";
  readonly exitCode: number;
  constructor(readonly signal: StopSignal) {
    super(`interrupted by ${signal}`);
    this.exitCode = EXIT_CODES[signal];
  }
}

/** An abort signal raised by SIGINT or SIGTERM, for a command that stops cleanly. */
export function abortOnSignals(): AbortSignal {
  const controller = new AbortController();
  for (const signal of Object.keys(EXIT_CODES) as StopSignal[]) {
    process.on(signal, () => {
      if (controller.signal.aborted) process.exit(EXIT_CODES[signal]);
      controller.abort(new Interrupted(signal));
    });
  }
  return controller.signal;
}
