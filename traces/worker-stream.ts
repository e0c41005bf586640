/**
 * A stream of items produced on a worker thread and consumed in order on
 * this one: the two halves of a pipeline whose stages then run on two
 * cores. The worker runs at most WINDOW items ahead of the consumer, so
 * memory stays bounded however long the input. Typed arrays in an item
 * move between threads without copying.
 *
 * Errors cross as data: a TraceError arrives as a TraceError naming the
 * same file and line.
 */
import { parentPort } from "node:worker_threads";
import { TraceError } from "./reader.js";
import { startWorker } from "./start-worker.js";

const WINDOW = 16;

/** An error as it crosses threads. */
export interface ErrorData {
  readonly message: string;
  readonly file?: string;
  readonly line?: number;
  readonly reason?: string;
}

export function errorAsData(e: unknown): ErrorData {
  return e instanceof TraceError
    ? { file: e.file, line: e.line, reason: e.reason, message: e.message }
    : { message: (e as Error).message };
}

export function errorFromData(e: ErrorData): Error {
  return e.file !== undefined ? new TraceError(e.file, e.line!, e.reason!) : new Error(e.message);
}

type Message<T> = { readonly item: T } | { readonly end: true } | { readonly error: ErrorData };

/** Runs `script` with `workerData` and yields what it sends with sendToParent. */
export async function* fromWorker<T>(script: URL, workerData: unknown): AsyncGenerator<T> {
  // A young generation as large as a main thread's grows to: with the
  // default a worker spent a quarter of its time collecting garbage.
  const worker = startWorker(script, workerData, { maxYoungGenerationSizeMb: 64 });
  const inbox: Message<T>[] = [];
  let wake: (() => void) | undefined;
  const deliver = (m: Message<T>) => {
    inbox.push(m);
    wake?.();
  };
  worker.on("message", deliver);
  worker.on("error", (e: Error) => deliver({ error: { message: e.message } }));
  worker.on("exit", (code) =>
    deliver({ error: { message: `the worker thread stopped (exit code ${code})` } }),
  );
  try {
    for (;;) {
      if (inbox.length === 0) {
        await new Promise<void>((resolve) => (wake = resolve));
        wake = undefined;
      }
      const m = inbox.shift()!;
      if ("end" in m) return;
      if ("error" in m) throw errorFromData(m.error);
      worker.postMessage(1);
      yield m.item;
    }
  } finally {
    worker.removeAllListeners();
    await worker.terminate();
  }
}

/** The worker's half: sends every item, waiting for the consumer to keep up. */
export async function sendToParent<T>(
  items: AsyncIterable<T>,
  transfers: (item: T) => ArrayBuffer[],
): Promise<void> {
  const port = parentPort!;
  let credit = WINDOW;
  let wake: (() => void) | undefined;
  port.on("message", (n: number) => {
    credit += n;
    wake?.();
  });
  try {
    for await (const item of items) {
      while (credit === 0) {
        await new Promise<void>((resolve) => (wake = resolve));
        wake = undefined;
      }
      credit--;
      port.postMessage({ item } satisfies Message<T>, transfers(item));
    }
    port.postMessage({ end: true } satisfies Message<T>);
  } catch (e) {
    port.postMessage({ error: errorAsData(e) } satisfies Message<T>);
  }
  port.removeAllListeners("message");
  port.unref();
}
