import type { Hook, Policy } from "../policies/types.js";

/** Which hooks the model calls: those the policy defines and its config does not ignore. */
export type HookSet = Readonly<Record<Hook, boolean>>;

export function hooksOf(policy: Policy, config: unknown): HookSet {
  const ignored = policy.ignores?.(config) ?? [];
  const on = (hook: Hook, defined: unknown) => defined !== undefined && !ignored.includes(hook);
  return {
    tick: on("tick", policy.onTick),
    arrival: on("arrival", policy.onArrival),
    notice: on("notice", policy.onNotice),
    idle: on("idle", policy.onIdle),
    timer: on("timer", policy.onTimer),
    usage: on("usage", policy.onUsage),
    completion: on("completion", policy.onCompletion),
  };
}
