import { expect, test } from "vitest";
import { instanceSparklines, instancesOverTime, sparkline } from "../../reports/sparkline.js";
import type { TimeseriesRow } from "../../sim/model/summary.js";

test("sparkline: eight levels from 0 to max, blank for zero, columns averaged", () => {
  expect(sparkline([0, 1, 2, 3, 4, 5, 6, 7, 8], 9, 8)).toBe(" ▁▂▃▄▅▆▇█");
  expect(sparkline([8, 8, 0, 0], 2, 8)).toBe("█ ");
  expect(sparkline([8, 0, 8, 0], 2, 8)).toBe("▄▄");
  // Fewer values than columns: one column each.
  expect(sparkline([1, 2], 40, 2)).toBe("▄█");
  expect(sparkline([], 10, 1)).toBe("");
  expect(sparkline([3, 3], 2, 0)).toBe("  ");
});

function row(
  policy: string,
  timeS: number,
  type: string,
  busy: number,
  idle: number,
): TimeseriesRow {
  return {
    policy,
    timeS,
    type,
    booting: 1,
    idle,
    busy,
    draining: 0,
    queueLength: 0,
    costUsdPerHour: 0,
  };
}

test("instances over time add every state and type of a sample", () => {
  const rows = [
    row("a", 0, "x", 1, 1),
    row("a", 0, "y", 2, 0),
    row("a", 60, "x", 0, 0),
    row("b", 0, "x", 5, 2),
  ];
  expect([...instancesOverTime(rows)]).toEqual([
    ["a", [6, 1]],
    ["b", [8]],
  ]);
});

test("a line per policy on one shared scale, with the peak", () => {
  const rows = [
    ...Array.from({ length: 8 }, (_, i) => row("static", i * 60, "m5.large", 7, 0)),
    ...Array.from({ length: 8 }, (_, i) => row("hpa", i * 60, "m5.large", i, 0)),
  ];
  const text = instanceSparklines(rows, 8);
  expect(text).toBe(
    [
      "instances over time (full block = 8):",
      "  static  ████████  max 8",
      "  hpa     ▁▂▃▄▅▆▇█  max 8",
      "",
    ].join("\n"),
  );
  expect(instanceSparklines([])).toBe("");
});
