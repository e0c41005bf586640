/** The parser's WebAssembly binaries, read from the installed packages (pinned in package.json). */
import { readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import type { WasmBinaries } from "../sim/analysis/analyze.js";

const require = createRequire(import.meta.url);

export const installedWasm: WasmBinaries = {
  runtime: () => readFile(require.resolve("web-tree-sitter/tree-sitter.wasm")),
  grammar: (name) => readFile(require.resolve(`tree-sitter-wasms/out/tree-sitter-${name}.wasm`)),
};
