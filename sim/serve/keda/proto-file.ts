/**
 * Where externalscaler.proto is: beside this file under sim/, found upward
 * from here, so it is the same file when this runs from dist/sim/serve/keda.
 */
import { existsSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const RELATIVE = join("sim", "serve", "keda", "externalscaler.proto");

export function externalScalerProto(): string {
  for (let dir = dirname(fileURLToPath(import.meta.url)); ; dir = dirname(dir)) {
    const candidate = join(dir, RELATIVE);
    if (existsSync(candidate)) return candidate;
    if (dirname(dir) === dir) throw new Error(`cannot find ${RELATIVE} above this package's files`);
  }
}
