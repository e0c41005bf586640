/**
 * The catalog of a scenario: the default one with the scenario's types
 * added or overridden. Each type is taken on its own, so one wrong type
 * does not hide the others; a wrong one's name still counts as known, so
 * policies naming it are not told it does not exist.
 */
import { DEFAULT_CATALOG } from "../model/catalog/default-catalog.js";
import type { BillingRule, Catalog, InstanceType } from "../model/catalog/types.js";
import type { z } from "zod";
import type { Reporter } from "./reporter.js";
import { instanceTypeSchema } from "./schema.js";
import { isPlainObject } from "./zod-issues.js";

type TypeInput = z.output<typeof instanceTypeSchema>;

/** The bandwidth of a scenario's new type that names none: 1 Gbps, our assumption. */
const DEFAULT_NETWORK_MBPS = 1000;

export interface ScenarioCatalog {
  readonly catalog: Catalog;
  /** The catalog's names and those of the scenario's types that are wrong. */
  readonly known: ReadonlySet<string>;
}

/** `raw` is the `catalog:` section as written; its schema issues are reported elsewhere. */
export function buildCatalog(raw: unknown, report: Reporter): ScenarioCatalog {
  const types = new Map(DEFAULT_CATALOG);
  const known = new Set(types.keys());
  const written = isPlainObject(raw) && isPlainObject(raw.types) ? raw.types : {};
  for (const [name, value] of Object.entries(written)) {
    known.add(name);
    const parsed = instanceTypeSchema.safeParse(value);
    if (!parsed.success) continue;
    const t = resolveType(name, parsed.data, types.get(name), report);
    if (t) types.set(name, t);
  }
  return { catalog: types, known };
}

function resolveType(
  name: string,
  o: TypeInput,
  base: InstanceType | undefined,
  report: Reporter,
): InstanceType | undefined {
  const path = ["catalog", "types", name];
  const missing = ["kind", "vcpu", "memory", "usdPerHour", "billing", "boot"].filter(
    (k) => base === undefined && o[k as keyof TypeInput] === undefined,
  );
  if (missing.length > 0) {
    report.at(
      path,
      `a new instance type needs ${missing.join(", ")} (or name a default type to override it)`,
    );
    return undefined;
  }
  const billing: BillingRule | undefined = o.billing
    ? o.billing.kind === "per-second"
      ? { kind: "per-second", minimumS: o.billing.minimum }
      : o.billing.kind === "per-allocation"
        ? {
            kind: "per-allocation",
            minimumS: o.billing.minimum,
            usdPerVcpuHour: o.billing.usdPerVcpuHour,
            usdPerGbHour: o.billing.usdPerGbHour,
          }
        : o.billing.kind === "hourly"
          ? { kind: "hourly" }
          : {
              kind: "per-request",
              incrementS: o.billing.increment,
              usdPerGbSecond: o.billing.usdPerGbSecond,
              usdPerRequest: o.billing.usdPerMillionRequests / 1e6,
            }
    : undefined;
  const t: InstanceType = {
    name,
    kind: o.kind ?? base!.kind,
    vcpu: o.vcpu ?? base!.vcpu,
    memMiB: o.memory ?? base!.memMiB,
    gpus: o.gpus ?? base?.gpus ?? 0,
    ...((o.gpuModel ?? base?.gpuModel) ? { gpuModel: o.gpuModel ?? base?.gpuModel } : {}),
    networkMbps: o.networkMbps ?? base?.networkMbps ?? DEFAULT_NETWORK_MBPS,
    usdPerHour: o.usdPerHour ?? base!.usdPerHour,
    billing: billing ?? base!.billing,
    boot: o.boot ?? base!.boot,
    resize: o.resize ?? base?.resize ?? { kind: "constant", value: 60 },
    allocationResize: o.allocationResize ??
      base?.allocationResize ?? { kind: "lognormal", median: 2, p95: 10 },
    source: o.source ?? (base ? `${base.source}; overridden in the scenario` : "the scenario"),
    asOf: o.asOf ?? base?.asOf ?? "",
  };
  if ((t.kind === "faas") !== (t.billing.kind === "per-request")) {
    report.at(
      path,
      `a ${t.kind} type needs ${t.kind === "faas" ? "per-request" : "per-second, hourly or per-allocation"} billing`,
    );
  }
  return t;
}
