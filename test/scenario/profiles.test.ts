/**
 * The `profiles:` section: the defaults (seed 000 and seed 002), the
 * scenario's added or replacing them by name, each priced; a vm-share
 * price naming an unknown type refused at its path and line.
 */
import { describe, expect, test } from "vitest";
import { ScenarioError, type ScenarioIssue } from "../../sim/scenario/issues.js";
import { parseScenarioText } from "../../sim/scenario/load.js";
import { validateScenario } from "../../sim/scenario/validate.js";

const head = `name: p
duration: 1h
sla: { latency: 1s }
workload: { synth: { rate: 1/s, functions: 1, cpu: { constant: 100ms } } }
policies: [{ policy: static, config: { fleet: { m5.large: 1 } } }]
`;

describe("profiles", () => {
  test("the defaults are there without a profiles section", () => {
    const s = validateScenario(parseScenarioText("ok.yaml", head));
    expect([...s.profiles.keys()]).toEqual([
      "Small",
      "Medium",
      "Large",
      "Extreme",
      "LowComplexity",
      "MediumComplexity",
      "HighComplexity",
    ]);
    const low = s.profiles.get("LowComplexity")!;
    expect([low.vcpu, low.memMiB, low.gpus, low.networkMbps]).toEqual([1, 2048, 0, 10]);
  });

  test("a scenario adds its own and replaces one by name, priced as it says", () => {
    const s = validateScenario(
      parseScenarioText(
        "ok.yaml",
        head +
          `profiles:
  Tiny: { vcpu: 0.25, memory: 512MiB, networkMbps: 5 }
  Small: { vcpu: 1, memory: 4GiB, price: { vmShare: m5.xlarge } }
  Cheap: { vcpu: 2, memory: 4GiB, price: { container: { usdPerVcpuHour: 0.01, usdPerGbHour: 0.001 } } }
`,
      ),
    );
    expect(s.profiles.get("Tiny")!.usdPerHour).toBeCloseTo(0.25 * 0.04048 + 0.5 * 0.004445, 15);
    // A quarter of an m5.xlarge (4 vCPU, 16 GiB, $0.192/h).
    expect(s.profiles.get("Small")!.usdPerHour).toBeCloseTo(0.048, 15);
    expect(s.profiles.get("Cheap")!.usdPerHour).toBeCloseTo(0.024, 15);
    expect(s.profiles.get("Cheap")!.price).toEqual({
      kind: "container",
      usdPerVcpuHour: 0.01,
      usdPerGbHour: 0.001,
      minimumS: 60,
    });
  });

  test("a share of an unknown type, or a profile without memory, is refused at its line", () => {
    let issues: ScenarioIssue[] = [];
    try {
      validateScenario(
        parseScenarioText(
          "bad.yaml",
          head +
            `profiles:
  Gpu: { vcpu: 8, memory: 32GiB, gpus: 1, price: { vmShare: g9.huge } }
  NoMem: { vcpu: 1 }
`,
        ),
      );
    } catch (e) {
      if (!(e instanceof ScenarioError)) throw e;
      issues = [...e.issues];
    }
    const share = issues.find((i) => i.path === "profiles.Gpu.price.vmShare");
    expect(share?.message).toMatch(/unknown instance type "g9.huge"; the catalog has t3.micro/);
    expect(share?.line).toBe(7);
    expect(issues.some((i) => i.path.startsWith("profiles.NoMem"))).toBe(true);
  });
});
