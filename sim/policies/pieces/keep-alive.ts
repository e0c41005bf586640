import type { Action, InstanceView } from "../types.js";

/**
 * Keep an idle instance this long, then release it (FaaS keep-alive);
 * work arriving first cancels the release. Return it from onIdle.
 */
export function keepAlive(instance: InstanceView, seconds: number): Action {
  return { kind: "release", instanceId: instance.id, afterIdleS: seconds };
}
