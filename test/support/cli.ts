import { spawn, spawnSync, type ChildProcess } from "node:child_process";

// `npm test` builds dist/ first; the CLI tests run the real `sim` entry point.
const bin = new URL("../../bin/sim.js", import.meta.url).pathname;
const root = new URL("../../", import.meta.url).pathname;

/** Runs `sim` with these arguments from the project root. */
export function sim(...args: string[]) {
  return spawnSync(process.execPath, [bin, ...args], { encoding: "utf8", cwd: root });
}

/** A `sim` still running: its output so far, and its end. */
export interface RunningSim {
  readonly child: ChildProcess;
  readonly stderr: () => string;
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/** Starts `sim` with these arguments from `cwd` (the project root by default). */
export function startSim(args: string[], opts: { cwd?: string; env?: NodeJS.ProcessEnv } = {}) {
  const child = spawn(process.execPath, [bin, ...args], {
    cwd: opts.cwd ?? root,
    env: { ...process.env, ...opts.env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let err = "";
  child.stderr!.setEncoding("utf8").on("data", (s: string) => (err += s));
  child.stdout!.resume();
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.on("close", (code, signal) => resolve({ code, signal })),
  );
  return { child, stderr: () => err, exited } satisfies RunningSim;
}

/** Waits until `ready()` holds, checking every 20 ms; fails after `timeoutMs`. */
export async function until(ready: () => boolean, what: string, timeoutMs = 20_000) {
  const start = Date.now();
  while (!ready()) {
    if (Date.now() - start > timeoutMs) throw new Error(`waited ${timeoutMs} ms for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}
