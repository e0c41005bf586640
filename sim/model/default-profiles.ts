/**
 * The default resource profiles, used when a scenario names none. The
 * seeds name them but give numbers for seed 002's only; seed 000's are
 * ours, sized in Fargate's valid steps. Containers are priced at AWS
 * Fargate's us-east-1 Linux/x86 rates (REFERENCE-FACTS.md: per second with
 * a 1-minute minimum); profiles with a GPU, which Fargate does not offer,
 * as their share of a g4dn VM. Seed 002's are named as it names them
 * (Low, Medium, High Complexity), apart from seed 000's Small..Extreme.
 */
import type { ProfilePrice } from "../policies/types.js";
import type { ProfileSpec } from "./profiles.js";

/** AWS Fargate, us-east-1, Linux/x86: per vCPU-hour and per GB-hour; 60 s minimum. */
export const DEFAULT_FARGATE_PRICE: ProfilePrice = {
  kind: "container",
  usdPerVcpuHour: 0.04048,
  usdPerGbHour: 0.004445,
  minimumS: 60,
};

const T4_SHARE: ProfilePrice = { kind: "vm-share", type: "g4dn.xlarge" };
const T4_8CPU_SHARE: ProfilePrice = { kind: "vm-share", type: "g4dn.2xlarge" };

const GiB = 1024;

export const DEFAULT_PROFILES: readonly ProfileSpec[] = [
  // Seed 000 (code complexity score 0-10, 11-25, 26-50, 51+): our numbers.
  {
    name: "Small",
    vcpu: 0.5,
    memMiB: 1 * GiB,
    gpus: 0,
    networkMbps: 25,
    price: DEFAULT_FARGATE_PRICE,
  },
  {
    name: "Medium",
    vcpu: 1,
    memMiB: 2 * GiB,
    gpus: 0,
    networkMbps: 50,
    price: DEFAULT_FARGATE_PRICE,
  },
  {
    name: "Large",
    vcpu: 2,
    memMiB: 8 * GiB,
    gpus: 0,
    networkMbps: 100,
    price: DEFAULT_FARGATE_PRICE,
  },
  { name: "Extreme", vcpu: 4, memMiB: 16 * GiB, gpus: 1, networkMbps: 500, price: T4_SHARE },
  // Seed 002: its own numbers (1 vCPU 2 GB 10 Mbps; 4/8/50; 8/16/100 + GPU).
  {
    name: "LowComplexity",
    vcpu: 1,
    memMiB: 2 * GiB,
    gpus: 0,
    networkMbps: 10,
    price: DEFAULT_FARGATE_PRICE,
  },
  {
    name: "MediumComplexity",
    vcpu: 4,
    memMiB: 8 * GiB,
    gpus: 0,
    networkMbps: 50,
    price: DEFAULT_FARGATE_PRICE,
  },
  {
    name: "HighComplexity",
    vcpu: 8,
    memMiB: 16 * GiB,
    gpus: 1,
    networkMbps: 100,
    price: T4_8CPU_SHARE,
  },
];
