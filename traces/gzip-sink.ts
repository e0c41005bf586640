/**
 * Chunks gzip-compressed into a file. Level 1: traces compress well even
 * so, and writing stays fast. Deep buffers (zlib streams take stream
 * options) let rows be formatted while earlier chunks compress on another
 * thread, instead of waiting on each.
 */
import { createWriteStream, type WriteStream } from "node:fs";
import { once } from "node:events";
import { createGzip, type Gzip, type ZlibOptions } from "node:zlib";
import type { ChunkSink } from "./file-sink.js";

const DEEP = 1 << 22;

export class GzipSink implements ChunkSink {
  private readonly file: WriteStream;
  private readonly gz: Gzip;
  private failure: Error | undefined;

  constructor(path: string) {
    this.file = createWriteStream(path, { highWaterMark: DEEP });
    const options: ZlibOptions & { highWaterMark: number } = {
      level: 1,
      chunkSize: 1 << 18,
      highWaterMark: DEEP,
    };
    this.gz = createGzip(options);
    this.gz.pipe(this.file);
    const fail = (e: Error) => (this.failure ??= e);
    this.file.on("error", fail);
    this.gz.on("error", fail);
  }

  async write(chunk: Uint8Array): Promise<void> {
    if (this.failure) throw this.failure;
    if (!this.gz.write(chunk)) await once(this.gz, "drain").catch(() => {});
    if (this.failure) throw this.failure;
  }

  async close(): Promise<void> {
    if (!this.file.closed) {
      this.gz.end();
      // A failure is recorded by its listener; here only the close is awaited.
      await once(this.file, "close").catch(() => {});
    }
    if (this.failure) throw this.failure;
  }
}
