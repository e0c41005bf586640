/**
 * Seed 000's "request a specific profile" endpoint: a request naming the
 * profile its client wants, and the fleet, go to the instance's arrival
 * decision; the reply says whether the policy granted it (placed it in
 * that profile), the profile it runs in, that profile's price per hour
 * (from the fleet's profiles), and the actions.
 */
import type { FastifyInstance, FastifyRequest } from "fastify";
import { z } from "zod";
import type { Action } from "../policies/types.js";
import { callHook, HOOKS } from "./hook-table.js";
import type { PolicyInstance } from "./policy-instance.js";
import { actionSchema, fleetDataSchema, requestViewSchema } from "./wire-views.js";
import { jsonSchema } from "./route-schemas.js";

export const PROFILE_REQUEST_ROUTE = "/policies/:instance/request-profile";

export const profileRequestBody = z.strictObject({
  request: requestViewSchema.extend({ requestedProfile: z.string().min(1) }),
  fleet: fleetDataSchema,
  random: z.array(z.number().min(0).lt(1)).max(100_000).optional(),
});

export const profileRequestReply = z.strictObject({
  granted: z.boolean(),
  /** The profile the request is placed in; null when the policy placed it in none. */
  profile: z.string().nullable(),
  /** That profile's price per hour, when the fleet names it. */
  usdPerHour: z.number().nullable(),
  actions: z.array(actionSchema),
});

type Body = z.output<typeof profileRequestBody>;
type Params = { instance: string };

/** The profile the arrival's place action names, if any. */
function placedProfile(actions: readonly Action[]): string | null {
  for (const a of actions) if (a.kind === "place" && a.profile !== undefined) return a.profile;
  return null;
}

export function registerProfileRequest(
  app: FastifyInstance,
  instanceOf: (req: FastifyRequest<{ Params: Params }>) => PolicyInstance,
  params: object,
): void {
  const arrival = HOOKS.find((h) => h.hook === "arrival")!;
  app.post<{ Params: Params; Body: Body }>(
    PROFILE_REQUEST_ROUTE,
    { schema: { params, body: jsonSchema(profileRequestBody) } },
    async (req) => {
      const inst = instanceOf(req);
      const { policy, config } = inst.spec;
      const body = req.body;
      const answers = inst.answers("arrival", "onArrival");
      const actions = await inst.call(
        { fleet: body.fleet, ...(body.random ? { random: body.random } : {}) },
        (state, fleet, ctx) =>
          answers ? callHook(arrival, policy, state, config, body.request, fleet, ctx) : undefined,
      );
      const profile = placedProfile(actions);
      const price = body.fleet.profiles?.find((p) => p.name === profile)?.usdPerHour ?? null;
      return {
        granted: profile !== null && profile === body.request.requestedProfile,
        profile,
        usdPerHour: price,
        actions,
      };
    },
  );
}
