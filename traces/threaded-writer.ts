/**
 * A trace writer whose formatting and writing run on a thread of their
 * own, so that whatever makes the rows (an importer, the synthesizer) has
 * this one to itself. The bytes are TraceWriter's. Batches move as columns
 * (row-columns.ts), a few ahead at most.
 */
import { existsSync } from "node:fs";
import { availableParallelism } from "node:os";
import { fileURLToPath } from "node:url";
import type { Worker } from "node:worker_threads";
import type { TraceBatch } from "./trace-batch.js";
import { NameNumbers, toColumns } from "./row-columns.js";
import { startWorker } from "./start-worker.js";
import { errorFromData, type ErrorData } from "./worker-stream.js";
import { TraceWriter } from "./writer.js";

const WINDOW = 8;
const WORKER_SCRIPT = new URL("./writer-worker.js", import.meta.url);
// Run from its TypeScript sources (as tests do) there is no compiled worker.
const HAS_WORKER = existsSync(fileURLToPath(WORKER_SCRIPT));

export interface TraceSink {
  writeBatch(batch: TraceBatch): Promise<void>;
  close(): Promise<void>;
}

/**
 * A writer on a thread of its own where there is a core for it (besides
 * this thread and `busyThreads` others already at work), else TraceWriter.
 */
export function openTraceWriter(
  path: string,
  busyThreads = 0,
  gzip = path.endsWith(".gz"),
): TraceSink {
  const threaded = HAS_WORKER && availableParallelism() > 1 + busyThreads;
  return threaded ? new ThreadedTraceWriter(path, gzip) : new TraceWriter(path, gzip);
}

/** What a writing thread is started with. */
export interface WriterThreadData {
  readonly path: string;
  readonly gzip: boolean;
}

export class ThreadedTraceWriter implements TraceSink {
  private readonly worker: Worker;
  private readonly dictionary = new NameNumbers();
  private inFlight = 0;
  private failure: Error | undefined;
  private wake: (() => void) | undefined;

  constructor(path: string, gzip = path.endsWith(".gz")) {
    const data: WriterThreadData = { path, gzip };
    this.worker = startWorker(WORKER_SCRIPT, data);
    this.worker.on("message", (m: "written" | "closed" | { error: ErrorData }) => {
      if (typeof m === "object") this.failure ??= errorFromData(m.error);
      else this.inFlight--;
      this.wakeUp();
    });
    this.worker.on("error", (e: Error) => {
      this.failure ??= e;
      this.wakeUp();
    });
    this.worker.on("exit", (code) => {
      if (this.inFlight > 0)
        this.failure ??= new Error(`the writing thread stopped (exit code ${code})`);
      this.wakeUp();
    });
  }

  async writeBatch(batch: TraceBatch): Promise<void> {
    if (batch.length === 0) return;
    await this.until(() => this.inFlight < WINDOW);
    const columns = toColumns(batch, this.dictionary);
    this.inFlight++;
    this.worker.postMessage(columns, [columns.numbers.buffer, columns.names.buffer]);
  }

  async close(): Promise<void> {
    try {
      this.inFlight++;
      this.worker.postMessage("close");
      await this.until(() => this.inFlight === 0);
    } finally {
      this.worker.removeAllListeners();
      await this.worker.terminate();
    }
  }

  private async until(ready: () => boolean): Promise<void> {
    for (;;) {
      if (this.failure) throw this.failure;
      if (ready()) return;
      await new Promise<void>((resolve) => (this.wake = resolve));
    }
  }

  private wakeUp(): void {
    const w = this.wake;
    this.wake = undefined;
    w?.();
  }
}
