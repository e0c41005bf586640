import { closeSync, createReadStream, openSync, readSync } from "node:fs";
import { createGunzip } from "node:zlib";

/** True when the file starts with the gzip magic bytes, whatever its name. */
function isGzipFile(file: string): boolean {
  const fd = openSync(file, "r");
  try {
    const b = Buffer.alloc(2);
    return readSync(fd, b, 0, 2, 0) === 2 && b[0] === 0x1f && b[1] === 0x8b;
  } finally {
    closeSync(fd);
  }
}

/**
 * The text of a file, gunzipped when its bytes say gzip. Throws at once when
 * it cannot be opened; errors while reading reach `onError`.
 */
export function openInput(file: string, onError: (e: Error) => void): NodeJS.ReadableStream {
  const gzip = isGzipFile(file);
  // Node's 64 KiB chunks: larger ones (tried up to 1 MiB) made parsing slower.
  const raw = createReadStream(file);
  raw.on("error", onError);
  if (!gzip) return raw;
  const text = raw.pipe(createGunzip());
  text.on("error", onError);
  return text;
}
