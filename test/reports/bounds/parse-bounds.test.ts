import { expect, test } from "vitest";
import { boundsJson } from "../../../reports/bounds/bounds-file.js";
import { deriveBounds } from "../../../reports/bounds/derive.js";
import { parseBounds } from "../../../reports/bounds/parse-bounds.js";
import { policy, report } from "../run-report-fixture.js";

const bounds = deriveBounds(report([policy("a"), policy("b", { ci95: { costUsd: 0.01 } })]));
const text = boundsJson(bounds);

test("a bounds file reads back as written", () => {
  expect(parseBounds(text, "b.json")).toEqual(bounds);
});

test("bad JSON names the file and line", () => {
  const broken = text.replace('"margin": 0.05,', '"margin": 0.05');
  expect(() => parseBounds(broken, "b.json")).toThrow(/^b\.json:6: not JSON: /);
});

test("a bad field names the file, line and path", () => {
  const lines = text.split("\n");
  const at = lines.findIndex((l) => l.includes('"b"'));
  const bad = text.replace(
    /("b": \{\n\s+"costUsd": \{\n\s+"measured": [\d.e-]+,\n\s+"bound": )[\d.e-]+/,
    '$1"1"',
  );
  expect(bad).not.toBe(text);
  expect(() => parseBounds(bad, "b.json")).toThrow(
    `b.json:${at + 4}: policies.b.costUsd.bound: expected a number`,
  );
  expect(() => parseBounds(text.replace('"seed": 1', '"seed": -1'), "b.json")).toThrow(
    "b.json:3: seed: expected a seed",
  );
  expect(() => parseBounds(text.replace('"margin"', '"margins"'), "b.json")).toThrow(
    /^b\.json:5: margins: unknown field; expected scenario, seed, replications, margin, policies$/,
  );
  expect(() => parseBounds(text.replace(/"from": "margin"/, '"from": "guess"'), "b.json")).toThrow(
    /policies\.a\.costUsd\.from: expected "ci95" or "margin"/,
  );
});

test("a bound on the better side of its measured figure is refused", () => {
  const better = text.replace(/("bound": )1\.05/, "$10.9");
  expect(better).not.toBe(text);
  expect(() => parseBounds(better, "b.json")).toThrow(
    /policies\.a\.costUsd\.bound: a higher-is-worse bound must not be below the measured 1$/,
  );
});
