/**
 * A SimJS model file runs unchanged on provisim/simjs (resolved through the
 * package's own exports, as a user's import would) and gives simjs's output.
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, expect, test } from "vitest";

const fixture = new URL("../../fixtures/simjs-bank.mjs", import.meta.url);
const source = readFileSync(fixture, "utf8");
const dir = mkdtempSync(join(tmpdir(), "provisim-simjs-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

interface BankResult {
  served: number;
  reneged: number;
  meanStay: number;
  maxStay: number;
  queueLength: number;
}

function run(file: string): BankResult {
  return JSON.parse(execFileSync(process.execPath, [file], { encoding: "utf8" }));
}

test("the bank model gives the same output on provisim/simjs and on simjs", () => {
  const ours = run(fixture.pathname);
  const simjsPath = new URL("../../../node_modules/simjs/sim.js", import.meta.url).pathname;
  const withSimjs = source.replace(
    'import * as Sim from "provisim/simjs";',
    `import { createRequire } from "node:module";\nglobalThis.window = globalThis;\ncreateRequire(import.meta.url)(${JSON.stringify(simjsPath)});\nconst Sim = window.Sim;`,
  );
  expect(withSimjs).not.toBe(source);
  const copy = join(dir, "bank-simjs.mjs");
  writeFileSync(copy, withSimjs);
  const reference = run(copy);
  expect(ours.served).toBeGreaterThan(300);
  expect(ours.reneged).toBeGreaterThan(10);
  // simjs counts reneged customers in the queue until they would have been
  // served (see fixes.test.ts), so only the queue length differs: ours is shorter.
  const { queueLength: ourQueue, ...ourRest } = ours;
  const { queueLength: refQueue, ...refRest } = reference;
  expect(ourRest).toEqual(refRest);
  expect(ourQueue).toBeGreaterThan(0);
  expect(ourQueue).toBeLessThan(refQueue);
});
