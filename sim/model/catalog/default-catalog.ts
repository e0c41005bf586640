import type { BillingRule, Catalog, InstanceType } from "./types.js";

/**
 * The default catalog: public on-demand list prices (AWS us-east-1, Linux)
 * and boot-latency ranges from provider documentation and trace studies, as
 * collected in REFERENCE-FACTS.md. Every entry can be overridden, and new
 * ones added, under `catalog.types` in a scenario.
 */
const EC2_BILLING: BillingRule = { kind: "per-second", minimumS: 60 };
const EC2_PRICES = "AWS EC2 on-demand pricing, us-east-1, Linux";
const ASOF = "2025-06";
// Baseline (not burst) network bandwidth per type, from the EC2 User Guide's
// "Amazon EC2 instance network bandwidth" and `aws ec2 describe-instance-types`
// (NetworkInfo BaselineBandwidthInGbps), read 2025-06. "Up to 10 Gigabit"
// types sustain only their baseline, so the baseline is what IO is timed by.
const EC2_NETWORK = "; baseline network bandwidth from the EC2 User Guide";

// EC2 to a ready service: about 25-40 s (pending -> running 5-16 s, then OS,
// user data and health checks). GPU nodes with drivers and large images:
// 5-15 minutes to ready is common.
const VM_BOOT = { kind: "lognormal", median: 30, p95: 40 } as const;
const GPU_BOOT = { kind: "lognormal", median: 480, p95: 840 } as const;
const BIG_GPU_BOOT = { kind: "lognormal", median: 600, p95: 900 } as const;
// Changing an EC2 instance's type means stop, modify, start: about a minute
// or two. A FaaS memory change applies to the next sandbox: no wait.
const VM_RESIZE = { kind: "lognormal", median: 60, p95: 120 } as const;
// A container's limits change in place by a cgroup update the node agent
// applies on its next sync (Kubernetes in-place pod resize): seconds. Median
// 2 s, p95 10 s is our assumption, not a published figure.
const ALLOCATION_RESIZE = { kind: "lognormal", median: 2, p95: 10 } as const;

function vm(
  name: string,
  vcpu: number,
  memGiB: number,
  usdPerHour: number,
  networkGbps: number,
  gpu?: { count: number; model: string },
): InstanceType {
  return {
    name,
    kind: "vm",
    vcpu,
    memMiB: memGiB * 1024,
    gpus: gpu?.count ?? 0,
    ...(gpu ? { gpuModel: gpu.model } : {}),
    networkMbps: networkGbps * 1000,
    usdPerHour,
    billing: EC2_BILLING,
    boot: gpu ? (gpu.count > 1 ? BIG_GPU_BOOT : GPU_BOOT) : VM_BOOT,
    resize: VM_RESIZE,
    allocationResize: ALLOCATION_RESIZE,
    source: EC2_PRICES + EC2_NETWORK,
    asOf: ASOF,
  };
}

/**
 * AWS Fargate capacity: the instance stands for capacity tasks are carved
 * from (up to Fargate's largest task, 16 vCPU and 120 GB); it costs nothing
 * itself, and each allocation on it is billed as a task of its size, per
 * second with a 1-minute minimum (REFERENCE-FACTS.md). Its boot stands for
 * a task's start (image pull, ENI attach): 35 s median, 60 s p95 is our
 * assumption; allocations placed on capacity already up start at once.
 * Fargate publishes no bandwidth; 10 Gbps is our assumption.
 */
const FARGATE: InstanceType = {
  name: "fargate",
  kind: "vm",
  vcpu: 16,
  memMiB: 120 * 1024,
  gpus: 0,
  networkMbps: 10_000,
  usdPerHour: 0,
  billing: {
    kind: "per-allocation",
    minimumS: 60,
    usdPerVcpuHour: 0.04048,
    usdPerGbHour: 0.004445,
  },
  boot: { kind: "lognormal", median: 35, p95: 60 },
  resize: { kind: "constant", value: 0 },
  allocationResize: { kind: "constant", value: 0 },
  source: "AWS Fargate pricing, us-east-1, Linux/x86; task size limits from the ECS documentation",
  asOf: ASOF,
};

/** AWS Lambda (x86) with 1,769 MB, the size that gets one full vCPU. */
const LAMBDA: InstanceType = {
  name: "lambda-1769",
  kind: "faas",
  vcpu: 1,
  memMiB: 1769,
  gpus: 0,
  // Lambda publishes no bandwidth figure; 600 Mbps is our assumption, near
  // what throughput tests of 1,769 MB functions report. Override it per scenario.
  networkMbps: 600,
  usdPerHour: 0,
  billing: {
    kind: "per-request",
    incrementS: 0.001,
    usdPerGbSecond: 0.0000166667,
    usdPerRequest: 0.2 / 1e6,
  },
  // Lambda cold starts are usually under 1 s.
  boot: { kind: "lognormal", median: 0.25, p95: 0.9 },
  resize: { kind: "constant", value: 0 },
  allocationResize: { kind: "constant", value: 0 },
  source: "AWS Lambda pricing (x86, us-east-1) and documentation: 1,769 MB = 1 vCPU",
  asOf: ASOF,
};

const TYPES: InstanceType[] = [
  vm("t3.micro", 2, 1, 0.0104, 0.064),
  vm("t3.medium", 2, 4, 0.0416, 0.256),
  vm("m5.large", 2, 8, 0.096, 0.75),
  vm("m5.xlarge", 4, 16, 0.192, 1.25),
  vm("m5.2xlarge", 8, 32, 0.384, 2.5),
  vm("c5.large", 2, 4, 0.085, 0.75),
  vm("c5.2xlarge", 8, 16, 0.34, 2.5),
  vm("r5.large", 2, 16, 0.126, 0.75),
  vm("g4dn.xlarge", 4, 16, 0.526, 5, { count: 1, model: "T4" }),
  // The smallest T4 type with seed 002's 8 vCPU for its High profile.
  vm("g4dn.2xlarge", 8, 32, 0.752, 10, { count: 1, model: "T4" }),
  vm("g5.xlarge", 4, 16, 1.006, 2.5, { count: 1, model: "A10G" }),
  vm("p4d.24xlarge", 96, 1152, 32.77, 400, { count: 8, model: "A100 40GB" }),
  // List price before the 2025 price cut.
  vm("p5.48xlarge", 192, 2048, 98.32, 3200, { count: 8, model: "H100" }),
  FARGATE,
  LAMBDA,
];

export const DEFAULT_CATALOG: Catalog = new Map(TYPES.map((t) => [t.name, t]));
