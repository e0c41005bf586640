/**
 * Seed 003's resource demand profile, read back from a request's code
 * features (traces/code-corpus.ts's featuresOf writes the analyzer's RDP
 * there): CPU and memory ranges, IOPS, bandwidth, parallelism and
 * critical sections. Null when the request carries no analysis.
 */
import type { ResourceDemandProfile } from "../../../analysis/scores.js";
import type { CodeFeatures } from "../../types.js";

const num = (f: CodeFeatures, key: string): number | undefined => {
  const v = f[key];
  return typeof v === "number" && Number.isFinite(v) ? v : undefined;
};

export function demandProfile(f: CodeFeatures | null): ResourceDemandProfile | null {
  if (!f) return null;
  const parallelism = num(f, "parallelism");
  const memMax = num(f, "memMiBMax");
  if (parallelism === undefined || memMax === undefined) return null;
  const cpuMax = num(f, "cpuCoresMax") ?? 1;
  return {
    cpuCores: { min: num(f, "cpuCoresMin") ?? 1, max: cpuMax },
    memoryMiB: { min: num(f, "memMiBMin") ?? memMax, max: memMax },
    iops: num(f, "iops") ?? 0,
    networkMbps: num(f, "networkMbps") ?? 0,
    parallelism: Math.min(1, Math.max(0, parallelism)),
    criticalSections: Math.max(0, num(f, "criticalSections") ?? 0),
  };
}
