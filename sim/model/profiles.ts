/**
 * Named resource profiles: what an allocation of each holds and what it
 * costs per hour, and the allocation an action names (its own, or a
 * profile's).
 */
import type { Allocation, ProfilePrice, ProfileView } from "../policies/types.js";
import type { Catalog } from "./catalog/types.js";
import { DEFAULT_PROFILES } from "./default-profiles.js";

export type Profiles = ReadonlyMap<string, ProfileView>;

/** A profile as written (no price per hour yet). */
export type ProfileSpec = Omit<ProfileView, "usdPerHour">;

/**
 * The profiles with their price per hour. A vm-share price needs its type
 * in the catalog: a scenario's profiles are checked for it when validated,
 * and a default one whose type a catalog lacks is left out.
 */
export function resolveProfiles(specs: readonly ProfileSpec[], catalog: Catalog): Profiles {
  const out = new Map<string, ProfileView>();
  for (const p of specs) {
    if (p.price.kind === "vm-share" && !catalog.has(p.price.type)) continue;
    out.set(p.name, Object.freeze({ ...p, usdPerHour: usdPerHourOf(p, p.price, catalog) }));
  }
  return out;
}

/** The default profiles priced on a catalog, made once per catalog (jobs share theirs). */
export function defaultProfilesFor(catalog: Catalog): Profiles {
  let p = defaults.get(catalog);
  if (!p) defaults.set(catalog, (p = resolveProfiles(DEFAULT_PROFILES, catalog)));
  return p;
}

const defaults = new WeakMap<Catalog, Profiles>();

function usdPerHourOf(p: ProfileSpec, price: ProfilePrice, catalog: Catalog): number {
  if (price.kind === "container")
    return p.vcpu * price.usdPerVcpuHour + (p.memMiB / 1024) * price.usdPerGbHour;
  const t = catalog.get(price.type);
  if (!t) throw new Error(`profile ${p.name} is priced as a share of unknown type "${price.type}"`);
  const share = Math.max(p.vcpu / t.vcpu, p.memMiB / t.memMiB, t.gpus > 0 ? p.gpus / t.gpus : 0);
  return share * t.usdPerHour;
}

/** A profile's allocation. */
export function allocationOf(p: ProfileView): Allocation {
  return { vcpu: p.vcpu, memMiB: p.memMiB, gpus: p.gpus, networkMbps: p.networkMbps };
}

/**
 * The allocation an action names: its own, else its profile's; a string
 * saying what is wrong when neither is there or the profile is unknown.
 */
export function namedAllocation(
  profiles: Profiles,
  a: { readonly allocation?: Allocation; readonly profile?: string },
): Allocation | string | undefined {
  if (a.allocation) return a.allocation;
  if (a.profile === undefined) return undefined;
  const p = profiles.get(a.profile);
  if (!p)
    return `unknown profile "${a.profile}"; the scenario has ${[...profiles.keys()].join(", ")}`;
  return allocationOf(p);
}
