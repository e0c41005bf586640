import type { DistSpec } from "../../random/spec.js";

/** How an offering is billed. */
export type BillingRule =
  /** Per second of life, at least `minimumS` per start (EC2 Linux: 60 s). */
  | { readonly kind: "per-second"; readonly minimumS: number }
  /** Every started hour billed whole. */
  | { readonly kind: "hourly" }
  /** FaaS: each execution's duration, rounded up to `incrementS`, in GB-seconds, plus a fee per request. */
  | {
      readonly kind: "per-request";
      readonly incrementS: number;
      readonly usdPerGbSecond: number;
      readonly usdPerRequest: number;
    };

export interface InstanceType {
  readonly name: string;
  readonly kind: "vm" | "faas";
  readonly vcpu: number;
  readonly memMiB: number;
  readonly gpus: number;
  readonly gpuModel?: string;
  /** On-demand price while alive (VMs; 0 for FaaS, billed per request). */
  readonly usdPerHour: number;
  readonly billing: BillingRule;
  /** Seconds from request to ready (VM boot, FaaS cold start). */
  readonly boot: DistSpec;
  /** Seconds an in-place change to this type takes to apply. */
  readonly resize: DistSpec;
  /** Where the figures come from, and when they were read. */
  readonly source: string;
  readonly asOf: string;
}

export type Catalog = ReadonlyMap<string, InstanceType>;
