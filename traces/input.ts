import { closeSync, createReadStream, fstatSync, openSync, readSync } from "node:fs";
import { createGunzip } from "node:zlib";

/** Whether the file starts with the gzip magic bytes (whatever its name), and its size. */
function inspect(file: string): { gzip: boolean; bytes: number } {
  const fd = openSync(file, "r");
  try {
    const b = Buffer.alloc(2);
    const gzip = readSync(fd, b, 0, 2, 0) === 2 && b[0] === 0x1f && b[1] === 0x8b;
    return { gzip, bytes: fstatSync(fd).size };
  } finally {
    closeSync(fd);
  }
}

export interface Input {
  readonly text: NodeJS.ReadableStream;
  /** Share of the file's bytes read so far (of its compressed bytes, for gzip). */
  fractionRead(): number;
}

/**
 * The text of a file, gunzipped when its bytes say gzip. Throws at once when
 * it cannot be opened; errors while reading reach `onError`.
 */
export function openInput(file: string, onError: (e: Error) => void): Input {
  const { gzip, bytes } = inspect(file);
  // Node's 64 KiB chunks: larger ones (tried up to 1 MiB) made parsing slower.
  const raw = createReadStream(file);
  raw.on("error", onError);
  const fractionRead = () => (bytes > 0 ? Math.min(1, raw.bytesRead / bytes) : 1);
  if (!gzip) return { text: raw, fractionRead };
  const text = raw.pipe(createGunzip());
  text.on("error", onError);
  return { text, fractionRead };
}
