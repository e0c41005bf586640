import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { jsonSyntaxFault } from "../../../reports/compare/json-syntax-error.js";

function parses(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}

describe("jsonSyntaxFault", () => {
  test("finds a fault exactly when JSON.parse fails", () => {
    // JSON texts, some cut short or with a character dropped or doubled.
    const damaged = fc
      .tuple(fc.json(), fc.nat(), fc.constantFrom("cut", "drop", "double", "none"))
      .map(([t, n, how]) => {
        const i = t.length === 0 ? 0 : n % t.length;
        if (how === "cut") return t.slice(0, i);
        if (how === "drop") return t.slice(0, i) + t.slice(i + 1);
        if (how === "double") return t.slice(0, i) + t[i] + t.slice(i);
        return t;
      });
    fc.assert(
      fc.property(fc.oneof(damaged, fc.string()), (text) => {
        expect(jsonSyntaxFault(text) === undefined).toBe(parses(text));
      }),
      { numRuns: 2000 },
    );
  });

  test("names the offset and what was expected there", () => {
    expect(jsonSyntaxFault('{"a": 1,}')).toEqual({
      offset: 8,
      reason: 'expected a property name in double quotes, found "}"',
    });
    expect(jsonSyntaxFault("[1 2]")).toEqual({
      offset: 3,
      reason: 'expected "," or "]", found "2"',
    });
    expect(jsonSyntaxFault('{"a" 1}')).toMatchObject({ offset: 5, reason: /expected ":"/ });
    expect(jsonSyntaxFault('"tab\there"')).toMatchObject({ offset: 0 });
  });
});
