import { behavioralEnvelopePolicy } from "./behavioral-envelope.js";
import { clusterPolicy } from "./cluster.js";
import { complexityTablePolicy } from "./complexity-table.js";
import { hybridHistogramPolicy } from "./hybrid-histogram.js";
import { kedaPolicy } from "./keda.js";
import { mlPredictivePolicy } from "./ml-predictive/index.js";
import { preInstantiationPolicy } from "./pre-instantiation.js";
import { reactivePolicy } from "./reactive.js";
import { staticPolicy } from "./static.js";
import { vpaPolicy } from "./vpa.js";
import type { Policy } from "./types.js";

const POLICIES: readonly Policy<never, never>[] = [
  staticPolicy,
  reactivePolicy,
  kedaPolicy,
  hybridHistogramPolicy,
  vpaPolicy,
  clusterPolicy,
  mlPredictivePolicy,
  preInstantiationPolicy,
  behavioralEnvelopePolicy,
  complexityTablePolicy,
] as unknown as Policy<never, never>[];

/** Every policy, in registry order (for the scenario schema). */
export const allPolicies = (): readonly Policy[] => POLICIES as unknown as readonly Policy[];

/** Every policy by name, for lookups and listings. */
export const policyNames = (): string[] => POLICIES.map((p) => p.name);

/** The policy called `name` (case-insensitive), or undefined. */
export function findPolicy(name: string): Policy | undefined {
  const key = name.toLowerCase();
  return POLICIES.find((p) => p.name.toLowerCase() === key) as Policy | undefined;
}
