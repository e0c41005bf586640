// Bundles the viewer's browser code (and vega, vega-lite, vega-embed, papaparse) into
// dist/web-viewer with esbuild, beside its page and stylesheet: `sim view` serves that folder.
import { copyFileSync, mkdirSync, rmSync } from "node:fs";
import { join } from "node:path";
import { build } from "esbuild";

const here = import.meta.dirname;
const out = join(here, "..", "dist", "web-viewer");
rmSync(out, { recursive: true, force: true });
mkdirSync(out, { recursive: true });
await build({
  entryPoints: [join(here, "src", "main.ts")],
  outfile: join(out, "viewer.js"),
  bundle: true,
  minify: true,
  format: "iife",
  platform: "browser",
  target: "es2022",
  legalComments: "external",
  logLevel: "warning",
});
for (const file of ["index.html", "viewer.css"]) copyFileSync(join(here, file), join(out, file));
