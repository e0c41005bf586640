/** The SLA's target share, which the verdict and the warnings judge by. */
import { expect, test } from "vitest";
import { scenario, smallWorkload } from "../support/scenario.js";

const base = {
  name: "t",
  duration: "10m",
  workload: smallWorkload,
  policies: [{ policy: "static", config: { fleet: { "t3.medium": 1 } } }],
};

test("sla.attainment is 99% unless the scenario says otherwise, and a share in (0, 1]", () => {
  expect(scenario({ ...base, sla: { latency: "1s" } }).slaTarget).toBe(0.99);
  expect(scenario({ ...base, sla: { latency: "1s", attainment: 0.999 } }).slaTarget).toBe(0.999);
  expect(() => scenario({ ...base, sla: { latency: "1s", attainment: 1.5 } })).toThrow(
    /sla\.attainment: .*1/,
  );
  expect(() => scenario({ ...base, sla: { latency: "1s", attainment: 0 } })).toThrow(
    /sla\.attainment/,
  );
});
