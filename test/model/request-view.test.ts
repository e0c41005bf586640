/**
 * What a policy sees of a request: its code's features, its input size and
 * hash, its code id and version, its class and priority; never its true
 * demand, whatever the request carries.
 */
import fc from "fast-check";
import { expect, test } from "vitest";
import { requestView, type WorkRequest } from "../../sim/model/request.js";

// Demand figures no other field can hold, so that one found in the view leaked.
const secret = fc.double({ min: 1e6 + 0.5, max: 2e6, noNaN: true });

const request = fc.record(
  {
    id: fc.nat(),
    arrivalS: fc.double({ min: 0, max: 1e5, noNaN: true }),
    functionId: fc.nat({ max: 100 }),
    features: fc.option(fc.record({ codeId: fc.string(), complexityScore: fc.nat({ max: 100 }) })),
    demand: fc.record(
      {
        cpuSeconds: secret,
        parallelFraction: fc.constant(0.5),
        memMiB: secret,
        gpuSpeedup: secret,
        coldExtraS: secret,
        memory: fc.constantFrom(
          { kind: "steady" as const },
          { kind: "linear" as const, startFrac: 0.123456 },
          { kind: "spike" as const, baseFrac: 0.234567, atFrac: 0.345678 },
        ),
        ioReadBytes: secret,
        ioWriteBytes: secret,
      },
      { requiredKeys: ["cpuSeconds", "parallelFraction", "memMiB", "gpuSpeedup"] },
    ),
    inputBytes: fc.nat(),
    inputHash: fc.stringMatching(/^[0-9a-f]{16}$/),
    codeId: fc.string({ minLength: 1 }),
    codeVersion: fc.string({ minLength: 1 }),
    noticeLeadS: secret,
    attempt: fc.constantFrom(1, 2),
    serviceClass: fc.record({ name: fc.string(), priority: fc.integer({ min: -5, max: 5 }) }),
  },
  { requiredKeys: ["id", "arrivalS", "functionId", "features", "demand"] },
);

test("a request's view never holds its demand, and holds its input and code identity", () => {
  fc.assert(
    fc.property(request, (r) => {
      const req = r as WorkRequest;
      const view = requestView(req);
      const json = JSON.stringify(view);
      expect(view).not.toHaveProperty("demand");
      expect(view).not.toHaveProperty("noticeLeadS");
      for (const leaked of ["cpuSeconds", "memMiB", "ioReadBytes", "ioWriteBytes", "coldExtraS"])
        expect(json).not.toContain(leaked);
      for (const v of Object.values(req.demand))
        if (typeof v === "number" && v > 1e6) expect(json).not.toContain(String(v));
      expect(json).not.toMatch(/0\.123456|0\.234567|0\.345678/);
      // What it may see, it sees as given.
      for (const k of ["inputBytes", "inputHash", "codeId", "codeVersion"] as const)
        expect(view[k]).toBe(req[k]);
      expect(view.priority).toBe(req.serviceClass?.priority);
      // A copy: changing the view changes nothing of the request.
      expect(view).not.toBe(req);
    }),
    { numRuns: 300, seed: 5 },
  );
});
