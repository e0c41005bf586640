/**
 * The instances a scaling policy keeps standing (the HPA's initial ones,
 * KEDA's minReplicaCount) exist when the run starts, as a static fleet's
 * do: a request in the first second does not wait for a boot. The HPA's
 * `prewarmed: false` makes them boot at the start instead.
 */
import { expect, test } from "vitest";
import { runScenario } from "../../sim/run/pipeline.js";
import { scenario } from "../support/scenario.js";

const policies = [
  { name: "static", policy: "static", config: { fleet: { "c5.large": 2 } } },
  {
    name: "hpa",
    policy: "reactive",
    config: { mode: "hpa", type: "c5.large", minInstances: 2, maxInstances: 2 },
  },
  {
    name: "hpa-booting",
    policy: "reactive",
    config: { mode: "hpa", type: "c5.large", minInstances: 2, maxInstances: 2, prewarmed: false },
  },
  {
    name: "keda",
    policy: "keda",
    config: { type: "c5.large", minReplicaCount: 2, maxReplicaCount: 2 },
  },
];

test("standing instances are running at the start unless the config says they boot", async () => {
  const s = scenario({
    name: "standing",
    seed: 5,
    duration: "5m",
    sla: { latency: "1s" },
    workload: {
      synth: { rate: "2/s", functions: 4, cpu: { constant: "100ms" }, parallelFraction: 0 },
    },
    policies,
  });
  const { report } = await runScenario(s);
  const byName = new Map(report.policies.map((p) => [p.policy, p]));
  for (const name of ["static", "hpa", "keda"]) {
    expect(byName.get(name)!.latencyS.max, name).toBeLessThan(1);
    expect(byName.get(name)!.slaAttainment, name).toBe(1);
  }
  // Booting at the start: the first requests wait for it (EC2's boot is tens of seconds).
  expect(byName.get("hpa-booting")!.latencyS.max).toBeGreaterThan(10);
});
