import { spawnSync } from "node:child_process";

// `npm test` builds dist/ first; the CLI tests run the real `sim` entry point.
const bin = new URL("../../bin/sim.js", import.meta.url).pathname;
const root = new URL("../../", import.meta.url).pathname;

/** Runs `sim` with these arguments from the project root. */
export function sim(...args: string[]) {
  return spawnSync(process.execPath, [bin, ...args], { encoding: "utf8", cwd: root });
}
