/** The OpenAPI 3.1 document of the server, from the same schemas its validator checks. */
import { HOOKS } from "./hook-table.js";
import {
  actionsReply,
  analyzeBody,
  errorReply,
  hookBody,
  initBody,
  jsonSchema,
  restoreBody,
  snapshotSchema,
} from "./route-schemas.js";
import type { z } from "zod";
import { profileRequestBody, profileRequestReply } from "./profile-request.js";

const json = (schema: z.ZodType, io: "input" | "output") => ({
  "application/json": { schema: jsonSchema(schema, io) },
});

function operation(summary: string, body: z.ZodType | null, reply: z.ZodType | null) {
  const errors = { description: "the request was refused", content: json(errorReply, "output") };
  return {
    summary,
    ...(body && { requestBody: { required: true, content: json(body, "input") } }),
    responses: {
      "200": reply
        ? { description: "done", content: json(reply, "output") }
        : { description: "done", content: { "application/json": { schema: {} } } },
      "400": errors,
      "401": errors,
      "404": errors,
      "409": errors,
      "413": errors,
      "422": errors,
    },
  };
}

const instanceParameter = {
  name: "instance",
  in: "path",
  required: true,
  schema: { type: "string" },
  description: "a policy instance of the server's config",
};

export function openApiDocument(instances: readonly string[]): object {
  const withInstance = (op: object) => ({ parameters: [instanceParameter], ...op });
  const paths: Record<string, object> = {
    "/policies/{instance}/init": {
      post: withInstance(
        operation("start the instance: its first decision, on the fleet", initBody, actionsReply),
      ),
    },
    "/policies/{instance}/state": {
      get: withInstance(operation("the instance's state (a snapshot)", null, snapshotSchema)),
      put: withInstance(
        operation("replace the instance's state with a snapshot", restoreBody, snapshotSchema),
      ),
    },
    "/policies/{instance}/request-profile": {
      post: withInstance(
        operation(
          "a request asking for a profile by name: granted or not, the profile's price, the actions",
          profileRequestBody,
          profileRequestReply,
        ),
      ),
    },
    "/policies": { get: operation("the instances and the hooks each answers", null, null) },
    "/analyze": {
      post: operation(
        "code in: features, scores, resource profile and resource demand profile out",
        analyzeBody,
        null,
      ),
    },
    "/health": { get: operation("the server is up", null, null) },
    "/metrics": {
      get: {
        summary: "Prometheus metrics: decisions, their latency, desired pool sizes",
        responses: { "200": { description: "done", content: { "text/plain": { schema: {} } } } },
      },
    },
  };
  for (const entry of HOOKS)
    paths[`/policies/{instance}/${entry.route}/${entry.hook}`] = {
      post: withInstance(operation(entry.summary, hookBody(entry), actionsReply)),
    };
  return {
    openapi: "3.1.0",
    info: {
      title: "provisim policy server",
      version: "1",
      description: `Policy instances: ${instances.join(", ")}.`,
    },
    paths,
  };
}
