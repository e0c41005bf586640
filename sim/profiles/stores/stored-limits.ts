import { profileLimits, type ProfileLimits } from "../limits.js";

/**
 * The limits a database was made with are part of it: a store opened with
 * other limits would keep samples the others cannot reproduce.
 */
export function settleLimits(
  where: string,
  stored: string | undefined,
  asked: Partial<ProfileLimits>,
): ProfileLimits {
  if (stored === undefined) return profileLimits(asked);
  const kept = profileLimits(JSON.parse(stored) as Partial<ProfileLimits>);
  for (const [k, v] of Object.entries(asked))
    if (v !== undefined && kept[k as keyof ProfileLimits] !== v)
      throw new Error(
        `${where}: the profile database keeps ${k} = ${kept[k as keyof ProfileLimits]}, not ${v}`,
      );
  return kept;
}
