// SHA-256 of every file in a list, streamed: IO-bound.
import { createHash } from "node:crypto";
import { createReadStream } from "node:fs";

export async function hashFiles(paths) {
  const out = {};
  for (const path of paths) {
    const hash = createHash("sha256");
    for await (const chunk of createReadStream(path)) hash.update(chunk);
    out[path] = hash.digest("hex");
  }
  return out;
}
