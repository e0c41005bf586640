/**
 * The resource profiles of a scenario: the default ones (seed 000 Small..
 * Extreme, seed 002 Low..HighComplexity) with the scenario's added or
 * replaced by name, each priced; a vm-share price must name a catalog type.
 */
import { DEFAULT_FARGATE_PRICE, DEFAULT_PROFILES } from "../model/default-profiles.js";
import type { Catalog } from "../model/catalog/types.js";
import { resolveProfiles, type ProfileSpec, type Profiles } from "../model/profiles.js";
import type { ProfilePrice } from "../policies/types.js";
import type { z } from "zod";
import type { Reporter } from "./reporter.js";
import { profileSchema } from "./schema.js";
import { isPlainObject } from "./zod-issues.js";

type ProfileInput = z.output<typeof profileSchema>;

/**
 * `raw` is the section as written: each profile is taken on its own, so
 * one wrong profile does not hide the others (its schema issues are
 * reported with the section's).
 */
export function buildProfiles(raw: unknown, catalog: Catalog, report: Reporter): Profiles {
  const specs = new Map(DEFAULT_PROFILES.map((p) => [p.name, p]));
  const written = isPlainObject(raw) ? raw : {};
  for (const [name, value] of Object.entries(written)) {
    const parsed = profileSchema.safeParse(value);
    if (!parsed.success) continue;
    const o = parsed.data;
    const price = priceOf(o.price);
    if (price.kind === "vm-share" && !catalog.has(price.type)) {
      report.at(
        ["profiles", name, "price", "vmShare"],
        `unknown instance type "${price.type}"; the catalog has ${[...catalog.keys()].join(", ")}`,
      );
      continue;
    }
    const spec: ProfileSpec = {
      name,
      vcpu: o.vcpu,
      memMiB: o.memory,
      gpus: o.gpus,
      networkMbps: o.networkMbps,
      price,
    };
    specs.set(name, spec);
  }
  return resolveProfiles([...specs.values()], catalog);
}

function priceOf(p: ProfileInput["price"]): ProfilePrice {
  if (!p) return DEFAULT_FARGATE_PRICE;
  if ("vmShare" in p) return { kind: "vm-share", type: p.vmShare };
  return {
    kind: "container",
    usdPerVcpuHour: p.container.usdPerVcpuHour,
    usdPerGbHour: p.container.usdPerGbHour,
    minimumS: p.container.minimum,
  };
}
