import { expect, test } from "vitest";
import { progressBar, showsProgress } from "../../sim/cli/progress.js";

function terminal(isTTY: boolean) {
  const written: string[] = [];
  return { isTTY, written, write: (s: string) => written.push(s) > 0 };
}

test("nothing is drawn when the output is not a terminal", () => {
  const out = terminal(false);
  const bar = progressBar(out, Date.now, {});
  bar.update(0.5, "half");
  bar.done("all");
  expect(out.written).toEqual([]);
});

test("on a terminal: redrawn in place at most every 100 ms, ended at 100%", () => {
  const out = terminal(true);
  let now = 0;
  const bar = progressBar(out, () => now, {});
  bar.update(0.25, "a");
  now = 50;
  bar.update(0.4, "skipped: too soon");
  now = 120;
  bar.update(0.5, "b");
  bar.done("done");
  expect(out.written).toEqual([
    `\r\x1b[K[${"#".repeat(8)}${"-".repeat(22)}] 25%  a`,
    `\r\x1b[K[${"#".repeat(15)}${"-".repeat(15)}] 50%  b`,
    `\r\x1b[K[${"#".repeat(30)}] 100%  done\n`,
  ]);
});

test("SIM_PROGRESS=1 draws the bar off a terminal too, =0 never; the first report draws at once", () => {
  const piped = terminal(false);
  const bar = progressBar(piped, () => 0, { SIM_PROGRESS: "1" });
  bar.update(0, "start");
  expect(piped.written).toEqual([`\r\x1b[K[${"-".repeat(30)}] 0%  start`]);
  expect(showsProgress(terminal(true), { SIM_PROGRESS: "0" })).toBe(false);
  expect(showsProgress(terminal(true), {})).toBe(true);
  expect(showsProgress(terminal(false), {})).toBe(false);
});
