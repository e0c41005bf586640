/**
 * The in-memory profile database: synchronous, for the simulator's speed and
 * for a policy's reads. The other stores keep the same key states (key-state.ts)
 * and apply the same eviction, so a book loaded from a store's snapshot
 * answers as the store does.
 */
import { addObservation, emptyKey } from "./key-state.js";
import { profileLimits, type ProfileLimits } from "./limits.js";
import { mergeVersions } from "./merge-versions.js";
import { checkObservation } from "./observation.js";
import type { KeyState, ProfileObservation, ProfileQuery, ProfileReader } from "./types.js";
import type { ProfileSnapshot, ProfileStats } from "./types.js";

/** Input hash -> state, "" being the version's profile over every input. */
type VersionKeys = Map<string, KeyState>;

export function cloneKey(k: KeyState): KeyState {
  return {
    ...k,
    sum: [...k.sum],
    min: [...k.min],
    max: [...k.max],
    sample: k.sample.map((r) => [...r]),
    recent: k.recent.map((r) => ({ seq: r.seq, obs: { ...r.obs } })),
    sequences: { ...k.sequences },
  };
}

export function compareKeys(a: KeyState, b: KeyState): number {
  const by = (x: string, y: string) => (x < y ? -1 : x > y ? 1 : 0);
  return by(a.codeId, b.codeId) || by(a.codeVersion, b.codeVersion) || by(a.inputHash, b.inputHash);
}

/** Of a version's input keys (not ""), the one to evict: least recently seen. */
export function evictionVictim(keys: Iterable<KeyState>): KeyState | undefined {
  let victim: KeyState | undefined;
  for (const k of keys)
    if (k.inputHash !== "" && (victim === undefined || k.lastSeq < victim.lastSeq)) victim = k;
  return victim;
}

export class ProfileBook implements ProfileReader {
  readonly limits: ProfileLimits;
  private readonly codes = new Map<string, Map<string, VersionKeys>>();
  private seqNow = 0;

  constructor(limits: Partial<ProfileLimits> = {}, snapshot?: ProfileSnapshot) {
    this.limits = profileLimits(limits);
    if (snapshot) {
      this.seqNow = snapshot.seq;
      for (const k of snapshot.keys)
        this.versionKeys(k.codeId, k.codeVersion).set(k.inputHash, cloneKey(k));
    }
  }

  /** The order number of the latest observation recorded. */
  get seq(): number {
    return this.seqNow;
  }

  private versionKeys(codeId: string, codeVersion: string): VersionKeys {
    let versions = this.codes.get(codeId);
    if (!versions) this.codes.set(codeId, (versions = new Map()));
    let keys = versions.get(codeVersion);
    if (!keys) versions.set(codeVersion, (keys = new Map()));
    return keys;
  }

  private add(keys: VersionKeys, o: ProfileObservation, inputHash: string, seq: number): void {
    let k = keys.get(inputHash);
    if (!k) {
      keys.set(inputHash, (k = emptyKey(o.codeId, o.codeVersion, inputHash)));
      // The new key counts too: with a full version, the least recent other one goes.
      if (inputHash !== "" && keys.size - 1 > this.limits.maxInputsPerVersion) {
        const victim = evictionVictim([...keys.values()].filter((x) => x !== k));
        if (victim) keys.delete(victim.inputHash);
      }
    }
    addObservation(k, o, seq, this.limits);
  }

  /** Records at once (the synchronous path); the book is then its only copy. */
  record(o: ProfileObservation): void {
    checkObservation(o);
    const seq = ++this.seqNow;
    const keys = this.versionKeys(o.codeId, o.codeVersion);
    this.add(keys, o, "", seq);
    if (o.inputHash !== "") this.add(keys, o, o.inputHash, seq);
  }

  profile(query: ProfileQuery): ProfileStats | undefined {
    const versions = this.codes.get(query.codeId);
    if (!versions) return undefined;
    const hash = query.inputHash ?? "";
    const keys: KeyState[] = [];
    for (const v of versions.values()) {
      const k = v.get(hash);
      if (k) keys.push(k);
    }
    return mergeVersions(keys, query);
  }

  /** Keys kept, over every program and version (the bound's measure). */
  get keyCount(): number {
    let n = 0;
    for (const versions of this.codes.values()) for (const v of versions.values()) n += v.size;
    return n;
  }

  /** Everything, as plain data in a fixed order: the same book gives the same bytes. */
  snapshot(): ProfileSnapshot {
    const keys: KeyState[] = [];
    for (const versions of this.codes.values())
      for (const v of versions.values()) for (const k of v.values()) keys.push(cloneKey(k));
    return { seq: this.seqNow, keys: keys.sort(compareKeys) };
  }
}
