/**
 * Where `npm run build` puts the viewer's page and bundle: dist/web-viewer
 * of the package, found upward from this file, which runs from dist/sim/view
 * when built and from sim/view under the tests.
 */
import { readFileSync, statSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { UsageError } from "../run/usage-error.js";

function packageRoot(from: string): string {
  for (let dir = from; ; dir = dirname(dir)) {
    try {
      const pkg = JSON.parse(readFileSync(join(dir, "package.json"), "utf8")) as { name?: string };
      if (pkg.name === "provisim") return dir;
    } catch {
      // not the package's root
    }
    if (dirname(dir) === dir) throw new UsageError("cannot find the provisim package's root");
  }
}

export function viewerBundleDir(): string {
  const dir = join(packageRoot(dirname(fileURLToPath(import.meta.url))), "dist", "web-viewer");
  try {
    statSync(join(dir, "index.html"));
  } catch {
    throw new UsageError(`the web viewer is not built (no ${dir}/index.html): run npm run build`);
  }
  return dir;
}
