/**
 * A policy's `configFiles` keys: a string there is a JSON file's path,
 * relative to the scenario file, read and parsed in its place, so the
 * policy sees data, never a path (and `sim serve` loads it the same way).
 */
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import type { Policy } from "../policies/types.js";
import type { PathKey } from "./issues.js";
import type { Reporter } from "./reporter.js";
import { isPlainObject } from "./zod-issues.js";

/** The config with each named file read; a file that cannot be read or parsed is reported at its key. */
export function withConfigFiles(
  policy: Policy,
  config: unknown,
  baseDir: string,
  at: readonly PathKey[],
  report: Reporter,
): unknown {
  if (!policy.configFiles || !isPlainObject(config)) return config;
  let out: Record<string, unknown> | undefined;
  for (const key of policy.configFiles) {
    const value = config[key];
    if (typeof value !== "string") continue;
    const file = resolve(baseDir, value);
    let text: string;
    try {
      text = readFileSync(file, "utf8");
    } catch (e) {
      report.at([...at, "config", key], `cannot read ${file}: ${(e as Error).message}`);
      continue;
    }
    try {
      (out ??= { ...config })[key] = JSON.parse(text) as unknown;
    } catch (e) {
      report.at([...at, "config", key], `${file} is not JSON: ${(e as Error).message}`);
    }
  }
  return out ?? config;
}
