/**
 * The body and reply of every route, as zod schemas and, from them, the
 * JSON Schemas that fastify's own validator checks on the hot path (zod
 * itself is not run per request) and that /openapi.json publishes.
 */
import { z } from "zod";
import { LANGUAGES } from "../analysis/languages.js";
import type { HookEntry } from "./hook-table.js";
import { actionSchema, fleetDataSchema } from "./wire-views.js";

/** Draws on [0, 1) to use instead of the instance's own stream (a recorded run's). */
const random = z.array(z.number().min(0).lt(1)).max(100_000).optional();

export const initBody = z.strictObject({ fleet: fleetDataSchema, random });

export function hookBody(entry: HookEntry) {
  return entry.observation === null
    ? z.strictObject({ fleet: fleetDataSchema, random })
    : z.strictObject({ observation: entry.observation, fleet: fleetDataSchema, random });
}

export const actionsReply = z.strictObject({ actions: z.array(actionSchema) });

export const snapshotSchema = z.strictObject({
  policy: z.string(),
  initialized: z.boolean(),
  streamIndex: z.int().min(0),
  state: z.unknown(),
});

export const restoreBody = z.strictObject({
  state: z.unknown(),
  streamIndex: z.int().min(0).optional(),
});

export const analyzeBody = z.strictObject({
  language: z.enum(LANGUAGES.map((l) => l.name) as [string, ...string[]]),
  source: z.string(),
  /** A name for the code in the reply. */
  path: z.string().max(4096).optional(),
});

export const errorReply = z.strictObject({
  statusCode: z.int(),
  error: z.string(),
  message: z.string(),
});

export const instanceParams = z.strictObject({ instance: z.string().min(1) });

/** The JSON Schema of a zod schema, in the draft fastify's validator speaks. */
export function jsonSchema(schema: z.ZodType, io: "input" | "output" = "input"): object {
  const { $schema: _, ...rest } = z.toJSONSchema(schema, { target: "draft-7", io }) as Record<
    string,
    unknown
  >;
  return rest;
}
