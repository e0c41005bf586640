/**
 * A `policies:` entry, one shape per registered policy: its name as the
 * discriminator and its own config schema, so the JSON Schema checks and
 * completes each policy's config from the same zod types the run uses.
 */
import { z } from "zod";
import { allPolicies } from "../policies/registry.js";
import type { Policy } from "../policies/types.js";

/** Label in reports; defaults to the policy name. */
const label = () => z.string().min(1).optional();

/** The entry of one policy. Its config may be left out only when every field has a default. */
export function policyEntrySchema(policy: Policy) {
  const config = policy.configSchema;
  const needsConfig = !config.safeParse({}).success;
  return z
    .strictObject({
      name: label(),
      policy: z.literal(policy.name),
      config: needsConfig ? config : config.optional(),
    })
    .describe(`${policy.name}: ${policy.description}`);
}

/** An entry whose policy is not (yet) known: checks its keys, not its config. */
export const anyPolicyEntry = z.strictObject({
  name: label(),
  policy: z.string().min(1),
  config: z.record(z.string(), z.unknown()).optional(),
});

export function policyEntriesSchema() {
  const [first, ...rest] = allPolicies().map(policyEntrySchema);
  return z.discriminatedUnion("policy", [first!, ...rest]);
}
