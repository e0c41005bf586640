/** The per-request table policies keep between hooks: each change a new table, plain JSON. */
import { describe, expect, test } from "vitest";
import {
  NO_REQUESTS,
  recordOf,
  withoutRecord,
  withRecord,
  type ByRequest,
} from "../../sim/policies/pieces/by-request.js";

describe("by-request table", () => {
  test("records are added, replaced in place and removed, never in the table given", () => {
    const a = withRecord(NO_REQUESTS as ByRequest<string>, 7, "x");
    const b = withRecord(a, 3, "y");
    const c = withRecord(b, 7, "z");
    expect(NO_REQUESTS).toEqual([]);
    expect(a).toEqual([[7, "x"]]);
    expect(c).toEqual([
      [7, "z"],
      [3, "y"],
    ]);
    expect(recordOf(b, 7)).toBe("x");
    expect(recordOf(c, 7)).toBe("z");
    expect(recordOf(c, 4)).toBeUndefined();
    const d = withoutRecord(c, 7);
    expect(d).toEqual([[3, "y"]]);
    expect(c).toHaveLength(2);
    expect(withoutRecord(d, 99)).toBe(d);
  });

  test("a table survives JSON with the same records", () => {
    let t: ByRequest<{ n: number }> = NO_REQUESTS;
    for (let i = 0; i < 50; i++)
      t = i % 3 === 2 ? withoutRecord(t, i - 1) : withRecord(t, i, { n: i });
    const back = JSON.parse(JSON.stringify(t)) as ByRequest<{ n: number }>;
    expect(back).toEqual(t);
    for (let i = 0; i < 50; i++) expect(recordOf(back, i)).toEqual(recordOf(t, i));
  });
});
