import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gunzipSync } from "node:zlib";
import { afterAll, expect, test } from "vitest";
import { GzipSink } from "../../traces/gzip-sink.js";

const dir = mkdtempSync(join(tmpdir(), "provisim-gzip-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

test("chunks compressed at once make one gzip stream, read whole by zlib and by gzip", async () => {
  const chunks = Array.from({ length: 40 }, (_, i) =>
    Buffer.from(Array.from({ length: 2000 + i * 97 }, (_, k) => `${i},${k},f${k % 13}\n`).join("")),
  );
  const path = join(dir, "t.csv.gz");
  const sink = new GzipSink(path);
  for (const c of chunks) await sink.write(c);
  await sink.close();
  const whole = Buffer.concat(chunks);
  const file = readFileSync(path);
  expect(gunzipSync(file).equals(whole)).toBe(true);
  expect(execFileSync("gzip", ["-dc", path], { maxBuffer: 1 << 26 }).equals(whole)).toBe(true);
  // Compressed, and a member per chunk: more than one gzip header.
  expect(file.length).toBeLessThan(whole.length / 3);
  expect(file.indexOf(Buffer.from([0x1f, 0x8b, 8]), 1)).toBeGreaterThan(0);
});

test("a file that cannot be opened fails the close", async () => {
  const sink = new GzipSink(join(dir, "missing", "t.csv.gz"));
  await sink.write(Buffer.from("a,b\n"));
  await expect(sink.close()).rejects.toThrow(/ENOENT/);
});
