/** Plan scenarios of an M/M/c fleet, written to a temporary directory for `sim plan` to read. */
import { afterAll } from "vitest";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

export interface MmcPlan {
  /** Arrivals per second. */
  readonly lambda: number;
  /** Mean service time, seconds. */
  readonly meanServiceS: number;
  /** The plan's limit on the mean queue wait, seconds. */
  readonly targetWaitS: number;
  readonly instances: readonly [number, number];
  readonly seed?: number;
  readonly duration?: string;
  readonly budget?: number;
  readonly initial?: number;
  readonly max?: number;
}

/**
 * Poisson arrivals, exponential service (a constant CPU time times an
 * exponential factor, one function), one request at a time per always-on
 * instance, one FIFO queue: M/M/c with c the fleet size. Attainment is
 * judged within an hour, so the queue wait is the criterion that binds.
 */
export function mmcPlanYaml(p: MmcPlan): string {
  return `name: mmc-plan
seed: ${p.seed ?? 1}
duration: ${p.duration ?? "10m"}
sla: { latency: 1h, attainment: 0.99 }
workload:
  synth:
    rate: ${p.lambda}/s
    functions: 1
    zipf: 0
    cpu: { constant: ${p.meanServiceS * 1000}ms }
    cpuFactor: { exponential: { mean: 1 } }
    parallelFraction: 0
policies:
  - name: fleet
    policy: static
    config: { fleet: { m5.large: 1 }, routing: least-loaded }
plan:
  instances: { min: ${p.instances[0]}, max: ${p.instances[1]} }
  sla: { meanQueueWait: ${p.targetWaitS * 1000}ms }
  budget: ${p.budget ?? 200}
  replications: { initial: ${p.initial ?? 3}, max: ${p.max ?? 20} }
`;
}

const made: string[] = [];
// Each test file that writes scenarios removes their directories when it ends.
afterAll(() => {
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** Writes `text` as a scenario file in a new temporary directory; returns its path. */
export function scenarioFile(text: string, name = "plan.yaml"): string {
  const dir = mkdtempSync(join(tmpdir(), "provisim-plan-"));
  made.push(dir);
  const file = join(dir, name);
  writeFileSync(file, text);
  return file;
}
