/**
 * A fixed fleet: the given number of instances of each type, running from
 * the start and kept, behind one queue with round-robin or least-loaded
 * routing. The baseline every other policy is compared with.
 */
import { z } from "zod";
import type { Action, Policy } from "./types.js";

const config = z.strictObject({
  /** Instances per type, e.g. { "m5.large": 4 }. */
  fleet: z
    .record(z.string(), z.int().positive())
    .refine((f) => Object.keys(f).length > 0, "name at least one instance type"),
  routing: z.enum(["round-robin", "least-loaded"]).default("least-loaded"),
  /** Requests one instance serves at once. */
  concurrency: z.int().positive().default(1),
  /** The fleet is already running at the start; false to watch it boot. */
  prewarmed: z.boolean().default(true),
});

export type StaticConfig = z.output<typeof config>;

export const staticPolicy: Policy<StaticConfig, Record<string, never>> = {
  name: "static",
  description: "a fixed fleet per type; round-robin or least-loaded routing",
  configSchema: config,
  typesUsed: (c) => Object.keys(c.fleet),
  init(c) {
    const actions: Action[] = [
      { kind: "pool", pool: "default", routing: c.routing, concurrency: c.concurrency },
    ];
    for (const [type, count] of Object.entries(c.fleet))
      actions.push({ kind: "provision", pool: "default", type, count, prewarmed: c.prewarmed });
    return { state: {}, actions };
  },
};
