import { execFileSync } from "node:child_process";
import { createReadStream, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, expect, test } from "vitest";
import { FileSink } from "../../traces/file-sink.js";

const dir = mkdtempSync(join(tmpdir(), "provisim-sink-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Chunks of varied sizes whose bytes say where they belong. */
const chunks = Array.from({ length: 60 }, (_, i) =>
  Buffer.from(`${i}:`.padEnd(1 + ((i * 7919) % 70_000), String.fromCharCode(97 + (i % 26)))),
);

test("chunks written at once land in order, the file whole at close", async () => {
  const path = join(dir, "a.csv");
  const sink = new FileSink(path);
  for (const c of chunks) await sink.write(c);
  await sink.close();
  expect(readFileSync(path).equals(Buffer.concat(chunks))).toBe(true);
});

test("a pipe is written in order, one write at a time", async () => {
  const fifo = join(dir, "fifo");
  execFileSync("mkfifo", [fifo]);
  const read = new Promise<Buffer>((resolve, reject) => {
    const parts: Buffer[] = [];
    createReadStream(fifo)
      .on("data", (b) => parts.push(b as Buffer))
      .on("end", () => resolve(Buffer.concat(parts)))
      .on("error", reject);
  });
  const sink = new FileSink(fifo);
  for (const c of chunks) await sink.write(c);
  await sink.close();
  expect((await read).equals(Buffer.concat(chunks))).toBe(true);
});

test("a file that cannot be opened fails the write and the close", async () => {
  const sink = new FileSink(join(dir, "missing", "b.csv"));
  await expect(sink.write(chunks[0]!)).rejects.toThrow(/ENOENT/);
  await expect(sink.close()).rejects.toThrow(/ENOENT/);
});
