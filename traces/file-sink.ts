/**
 * Chunks written to a file at their offsets, a few writes in flight at
 * once. Writing a large trace is bound by the kernel taking fresh pages for
 * its cache, and on a virtual machine whose host takes freed pages back
 * that costs a core per writer (about 0.5 GB/s, bench/README.md): two
 * positional writes at once take about half the time one stream does. The file is whole once close() resolves.
 */
import { open, type FileHandle } from "node:fs/promises";

const IN_FLIGHT = 3;

/** Where a trace writer's chunks go. */
export interface ChunkSink {
  /** Queues a chunk, which must not change afterwards; resolves when more may come. */
  write(chunk: Uint8Array): Promise<void>;
  /** Writes what is queued and closes; throws the first failure. */
  close(): Promise<void>;
}

export class FileSink implements ChunkSink {
  private readonly handle: Promise<FileHandle>;
  private readonly positional: Promise<boolean>;
  private position = 0;
  private readonly pending: Promise<void>[] = [];
  private failure: Error | undefined;

  constructor(path: string) {
    this.handle = open(path, "w");
    this.positional = this.handle.then(
      async (h) => (await h.stat()).isFile(),
      // Recorded here and thrown by the next write or close, never unhandled.
      (e: Error) => {
        this.failure ??= e;
        return false;
      },
    );
  }

  async write(chunk: Uint8Array): Promise<void> {
    if (this.failure) throw this.failure;
    const at = this.position;
    this.position += chunk.length;
    this.pending.push(this.writeAt(chunk, at).catch((e: Error) => void (this.failure ??= e)));
    const limit = (await this.positional) ? IN_FLIGHT : 1;
    while (this.pending.length >= limit) await this.pending.shift();
    if (this.failure) throw this.failure;
  }

  async close(): Promise<void> {
    await Promise.all(this.pending.splice(0));
    const handle = await this.handle.catch(() => undefined);
    await handle?.close().catch((e: Error) => (this.failure ??= e));
    if (this.failure) throw this.failure;
  }

  private async writeAt(chunk: Uint8Array, at: number): Promise<void> {
    const handle = await this.handle;
    const positional = await this.positional;
    let done = 0;
    // A write may take less than it is given.
    while (done < chunk.length) {
      const position = positional ? at + done : null;
      const { bytesWritten } = await handle.write(chunk, done, chunk.length - done, position);
      done += bytesWritten;
    }
  }
}
