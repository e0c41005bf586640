import type { BillingRule } from "../../policies/types.js";
import type { DistSpec } from "../../random/spec.js";

export type { BillingRule };

export interface InstanceType {
  readonly name: string;
  readonly kind: "vm" | "faas";
  readonly vcpu: number;
  readonly memMiB: number;
  readonly gpus: number;
  readonly gpuModel?: string;
  /** Baseline network bandwidth (what IO of the requests on it is timed by). */
  readonly networkMbps: number;
  /** On-demand price while alive (VMs; 0 for FaaS, billed per request). */
  readonly usdPerHour: number;
  readonly billing: BillingRule;
  /** Seconds from request to ready (VM boot, FaaS cold start). */
  readonly boot: DistSpec;
  /** Seconds an in-place change to this type takes to apply. */
  readonly resize: DistSpec;
  /** Seconds an in-place change to an allocation (a container's limits) on it takes. */
  readonly allocationResize: DistSpec;
  /** Where the figures come from, and when they were read. */
  readonly source: string;
  readonly asOf: string;
}

export type Catalog = ReadonlyMap<string, InstanceType>;
