/**
 * The Azure 2021 import parses large files on a thread of its own. The
 * thread runs compiled code, so these tests use the build (`npm test`
 * builds first): the rows, and the errors, must be the same either way.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, expect, test } from "vitest";
import type * as Azure2021 from "../../traces/import/azure2021.js";
import type { TraceRow } from "../../traces/format.js";

const dir = mkdtempSync(join(tmpdir(), "provisim-thread-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const built = new URL("../../dist/traces/import/azure2021.js", import.meta.url).href;
const { importAzure2021 } = (await import(built)) as typeof Azure2021;

/** Threads of this process (Linux). */
const threads = () => readdirSync("/proc/self/task").length;

async function rows(file: string, parseThread: boolean) {
  const stats = { startedBeforeTrace: 0 };
  const out: TraceRow[] = [];
  for await (const b of importAzure2021(file, { parseThread, stats })) out.push(...b.rows());
  return { out, stats };
}

function lines(n: number, bad?: number): string {
  const out = ["app,func,end_timestamp,duration"];
  for (let i = 0; i < n; i++) {
    const duration = i % 997 === 0 ? 30 : (i % 50) / 100;
    const end = i === bad ? "later" : (5 + i / 100).toFixed(3);
    out.push(`app${i % 7},${"f".repeat(40)}${i % 300},${end},${duration.toFixed(3)}`);
  }
  return out.join("\n") + "\n";
}

test("a parsing thread gives the rows parsing here gives", async () => {
  const file = join(dir, "many.csv");
  writeFileSync(file, lines(50_000));
  const here = await rows(file, false);
  const there = await rows(file, true);
  expect(there.out).toHaveLength(here.out.length);
  expect(there.out).toEqual(here.out);
  expect(there.stats).toEqual(here.stats);
  expect(here.stats.startedBeforeTrace).toBeGreaterThan(0);
  // The same id is the same string, whichever thread parsed it.
  expect(new Set(there.out.map((r) => r.functionId)).size).toBe(2100);
});

test("a bad row stops the import at the same line on either path", async () => {
  const file = join(dir, "bad.csv");
  writeFileSync(file, lines(30_000, 25_000));
  for (const parseThread of [false, true]) {
    await expect(rows(file, parseThread)).rejects.toThrow(
      /bad\.csv:25002: end_timestamp is not a number: "later"/,
    );
  }
  await expect(rows(join(dir, "none.csv"), true)).rejects.toThrow(/none\.csv: no such file/);
});

test("stopping early ends the thread", async () => {
  const file = join(dir, "stop.csv");
  writeFileSync(file, lines(40_000));
  const before = threads();
  let batches = 0;
  for await (const _ of importAzure2021(file, { parseThread: true, reorderWindowS: 31 })) {
    if (batches++ === 0) expect(threads()).toBeGreaterThan(before);
    if (batches === 2) break;
  }
  expect(batches).toBe(2);
  expect(threads()).toBe(before);
});

test("the threads start in a host run with flags only its own entry may take", () => {
  const file = join(dir, "host.csv");
  writeFileSync(file, lines(20_000));
  const code = `
    import { importAzure2021 } from ${JSON.stringify(built)};
    let n = 0;
    for await (const b of importAzure2021(${JSON.stringify(file)}, { parseThread: true })) n += b.length;
    console.log(n);`;
  const run = spawnSync(process.execPath, ["--expose-gc", "--input-type=module", "-e", code], {
    encoding: "utf8",
  });
  expect(run.stderr).toBe("");
  expect(Number(run.stdout)).toBeGreaterThan(19_000);
});
