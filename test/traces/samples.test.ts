/**
 * The bundled sample traces are what their generator writes (it runs
 * compiled, so this uses the build, as `npm test` makes it first).
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gunzipSync } from "node:zlib";
import { afterAll, expect, test } from "vitest";

const samples = new URL("../../traces/samples/", import.meta.url).pathname;
const generator = new URL("../../dist/traces/samples/generate.js", import.meta.url).pathname;
const dir = mkdtempSync(join(tmpdir(), "provisim-samples-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

test("the samples are their generator's output, byte for byte (gzip's content for .gz)", () => {
  execFileSync(process.execPath, [generator, dir]);
  const made = readdirSync(dir).sort();
  expect(made).toEqual(
    readdirSync(samples)
      .filter((f) => f.endsWith(".csv") || f.endsWith(".gz"))
      .sort(),
  );
  const text = (path: string) => {
    const bytes = readFileSync(path);
    return path.endsWith(".gz") ? gunzipSync(bytes) : bytes;
  };
  for (const f of made) expect(text(join(dir, f)).equals(text(join(samples, f))), f).toBe(true);
});
