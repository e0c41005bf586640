import { reactivePolicy } from "../../sim/policies/reactive.js";
import type { Action, Policy } from "../../sim/policies/types.js";

/**
 * The reactive policy in FaaS mode, plus a sandbox started on each notice
 * when its function has none free: what an arrival would do, ahead of it.
 */
export const prewarmOnNotice: Policy = {
  ...(reactivePolicy as Policy),
  name: "reactive-on-notice",
  onNotice: (state, config, notice, fleet, ctx) => {
    const request = { id: -1, functionId: notice.functionId, arrivalS: 0, features: null };
    const d = reactivePolicy.onArrival!(state as never, config as never, request, fleet, ctx);
    // Started ahead of a request not yet arrived: for no request in particular.
    const actions = d.actions.flatMap((a): Action[] =>
      a.kind === "route" ? [] : a.kind === "provision" ? [{ ...a, forRequestId: undefined }] : [a],
    );
    return { state: d.state, actions };
  },
};
