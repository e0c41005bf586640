#!/usr/bin/env node
// Entry of the `sim` command: runs the compiled CLI that `npm ci` builds (the prepare script).
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";

const main = new URL("../dist/sim/cli/main.js", import.meta.url);
if (!existsSync(fileURLToPath(main))) {
  console.error("sim: the compiled CLI is missing (dist/). Run `npm ci` or `npm run build` first.");
  process.exit(2);
}
await import(main.href);
