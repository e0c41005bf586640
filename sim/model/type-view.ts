import type { TypeView } from "../policies/types.js";
import { medianAndP95 } from "../random/quantile.js";
import type { InstanceType } from "./catalog/types.js";

/**
 * What a policy sees of a catalog entry. Built once per type when the
 * cluster is made: the boot quantiles may need a numeric inversion.
 */
export function typeViewOf(t: InstanceType): TypeView {
  const boot = medianAndP95(t.boot);
  return {
    name: t.name,
    kind: t.kind,
    vcpu: t.vcpu,
    memMiB: t.memMiB,
    gpus: t.gpus,
    usdPerHour: t.usdPerHour,
    billing: t.billing,
    bootMedianS: boot.median,
    bootP95S: boot.p95,
  };
}
