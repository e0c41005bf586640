/** The version of provisim, from its package.json (found from here up, from sources or dist/). */
import { existsSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

let known: string | undefined;

export function provisimVersion(): string {
  if (known !== undefined) return known;
  for (let dir = dirname(fileURLToPath(import.meta.url)); ; dir = dirname(dir)) {
    const file = join(dir, "package.json");
    if (existsSync(file)) {
      const pkg = JSON.parse(readFileSync(file, "utf8")) as { name?: string; version?: string };
      if (pkg.name === "provisim") return (known = pkg.version ?? "unknown");
    }
    if (dirname(dir) === dir) return (known = "unknown");
  }
}
