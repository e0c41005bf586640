import type { TypeView } from "../policies/types.js";
import { medianAndP95 } from "../random/quantile.js";
import type { InstanceType } from "./catalog/types.js";

/**
 * What a policy sees of a catalog entry, made once per entry: the boot
 * quantiles may need a numeric inversion.
 */
export function typeViewOf(t: InstanceType): TypeView {
  let view = views.get(t);
  if (!view) views.set(t, (view = makeView(t)));
  return view;
}

// A scenario's jobs share its catalog's entries: each view is made once.
const views = new WeakMap<InstanceType, TypeView>();

function makeView(t: InstanceType): TypeView {
  const boot = medianAndP95(t.boot);
  // Shared by every call of every job: frozen, so no policy can change what the next one sees.
  return Object.freeze({
    name: t.name,
    kind: t.kind,
    vcpu: t.vcpu,
    memMiB: t.memMiB,
    gpus: t.gpus,
    networkMbps: t.networkMbps,
    usdPerHour: t.usdPerHour,
    billing: Object.freeze({ ...t.billing }),
    bootMedianS: boot.median,
    bootP95S: boot.p95,
  });
}
