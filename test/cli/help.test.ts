import { execFileSync, spawnSync } from "node:child_process";
import { expect, test } from "vitest";

// `npm test` builds dist/ first; these run the real `sim` entry point.
const bin = new URL("../../bin/sim.js", import.meta.url).pathname;

test("sim --help describes the tool and exits 0", () => {
  const out = execFileSync(process.execPath, [bin, "--help"], { encoding: "utf8" });
  expect(out).toMatch(/^sim <command> \[options\]/);
  expect(out).toMatch(/capacity-planning workbench/);
});

test("sim with no command explains and exits non-zero", () => {
  const r = spawnSync(process.execPath, [bin], { encoding: "utf8" });
  expect(r.status).not.toBe(0);
  expect(r.stderr).toMatch(/Name a command/);
});

test("an unknown command, even with --help, is an error: exit 2 and one line", () => {
  for (const args of [
    ["deploy", "--help"],
    ["deploy"],
    ["trace", "replay", "--help"],
    ["trace", "import", "gcp", "-h"],
  ]) {
    const r = spawnSync(process.execPath, [bin, ...args], { encoding: "utf8" });
    expect(r.status, args.join(" ")).toBe(2);
    expect(r.stdout).toBe("");
    expect(r.stderr).toMatch(
      /^sim: unknown command "(deploy|trace replay|trace import gcp)"; .*\n$/,
    );
  }
  // Known ones still show their help.
  const ok = spawnSync(process.execPath, [bin, "trace", "import", "azure2021", "--help"], {
    encoding: "utf8",
  });
  expect(ok.status).toBe(0);
  expect(ok.stdout).toMatch(/--reorder-window/);
});
