/**
 * The hooks `sim serve` answers, as data: a route name, the policy method,
 * the schema of the observation it is given (none for a tick), and whether
 * it is a decision or feedback. A new hook of the contract is one entry
 * here; routes, validation and the OpenAPI document follow from it.
 */

import type { Decision, FleetView, Hook, Policy, PolicyContext } from "../policies/types.js";
import {
  completionFeedbackSchema,
  instanceViewSchema,
  noticeViewSchema,
  requestViewSchema,
  usageSampleSchema,
} from "./wire-views.js";
import { z } from "zod";

export interface HookEntry {
  /** The hook's name in the contract (what `ignores` lists) and in the URL. */
  readonly hook: Hook;
  readonly method: keyof Policy & `on${string}`;
  /** The observation's schema; null when the hook sees only the fleet. */
  readonly observation: z.ZodType | null;
  /** `decide` routes ask for actions; `feedback` reports what happened. */
  readonly route: "decide" | "feedback";
  readonly summary: string;
}

export const HOOKS: readonly HookEntry[] = [
  {
    hook: "arrival",
    method: "onArrival",
    observation: requestViewSchema,
    route: "decide",
    summary: "a request arrives: where it goes, what to start for it",
  },
  {
    hook: "notice",
    method: "onNotice",
    observation: noticeViewSchema,
    route: "decide",
    summary: "a pre-trigger notification: a request is on its way",
  },
  {
    hook: "tick",
    method: "onTick",
    observation: null,
    route: "decide",
    summary: "the policy's periodic call (every tickS seconds)",
  },
  {
    hook: "idle",
    method: "onIdle",
    observation: instanceViewSchema,
    route: "decide",
    summary: "an instance has nothing left to do: keep it or release it",
  },
  {
    hook: "timer",
    method: "onTimer",
    observation: z.string(),
    route: "decide",
    summary: "a timer the policy set is due (the observation is its key)",
  },
  {
    hook: "usage",
    method: "onUsage",
    observation: usageSampleSchema,
    route: "decide",
    summary: "a running request's usage so far (every usageS of its execution)",
  },
  {
    hook: "completion",
    method: "onCompletion",
    observation: completionFeedbackSchema,
    route: "feedback",
    summary: "a request ended, with its measured usage",
  },
];

type AnyHook = (...args: unknown[]) => Decision<unknown>;

/**
 * Calls the hook as the model does: (state, config, [observation,] fleet,
 * ctx). Undefined when the policy does not define it.
 */
export function callHook(
  entry: HookEntry,
  policy: Policy,
  state: unknown,
  config: unknown,
  observation: unknown,
  fleet: FleetView,
  ctx: PolicyContext,
): Decision<unknown> | undefined {
  const fn = policy[entry.method] as AnyHook | undefined;
  if (!fn) return undefined;
  const args =
    entry.observation === null
      ? [state, config, fleet, ctx]
      : [state, config, observation, fleet, ctx];
  return fn.apply(policy, args);
}
