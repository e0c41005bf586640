/**
 * Reads the chart libraries' minified builds from the installed packages
 * (an edge: file I/O), once per process. They are read at write time rather
 * than committed, so the page always carries the versions package.json pins.
 */
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import type { VegaScripts } from "./input.js";

let cached: VegaScripts | undefined;

function packageDir(require: NodeJS.Require, name: string): string {
  // The main entry sits in build/ (or src/); its package.json is found upward.
  let dir = dirname(require.resolve(name));
  for (;;) {
    try {
      const pkg = JSON.parse(readFileSync(join(dir, "package.json"), "utf8")) as { name?: string };
      if (pkg.name === name) return dir;
    } catch {
      // not this directory
    }
    const up = dirname(dir);
    if (up === dir) throw new Error(`cannot find the ${name} package (is it installed?)`);
    dir = up;
  }
}

function build(
  require: NodeJS.Require,
  name: string,
  file: string,
): { code: string; version: string } {
  const dir = packageDir(require, name);
  const version = (
    JSON.parse(readFileSync(join(dir, "package.json"), "utf8")) as { version: string }
  ).version;
  return { code: readFileSync(join(dir, "build", file), "utf8"), version };
}

export function readVegaScripts(): VegaScripts {
  if (cached) return cached;
  const require = createRequire(import.meta.url);
  const vega = build(require, "vega", "vega.min.js");
  const vegaLite = build(require, "vega-lite", "vega-lite.min.js");
  const vegaEmbed = build(require, "vega-embed", "vega-embed.min.js");
  cached = {
    vega: vega.code,
    vegaLite: vegaLite.code,
    vegaEmbed: vegaEmbed.code,
    versions: { vega: vega.version, vegaLite: vegaLite.version, vegaEmbed: vegaEmbed.version },
  };
  return cached;
}
