/**
 * Loads web-tree-sitter and the grammars of tree-sitter-wasms (both pinned:
 * grammars must match the runtime's ABI), each once, on first use. The
 * WebAssembly bytes come from the caller, so the analyzer itself does no
 * I/O and runs wherever its caller can find the binaries.
 */
import { Language, Parser, type Tree } from "web-tree-sitter";
import type { LanguageSpec } from "./languages.js";

/** Where the WebAssembly binaries come from (files, a bundle, fetch). */
export interface WasmBinaries {
  /** web-tree-sitter's runtime, tree-sitter.wasm. */
  runtime(): Promise<Uint8Array>;
  /** A grammar of tree-sitter-wasms, by its name (`python`, `c_sharp`). */
  grammar(name: string): Promise<Uint8Array>;
}

// The runtime is one per process (web-tree-sitter holds it globally), so the first binaries win.
let ready: Promise<void> | undefined;
const languages = new Map<string, Promise<Language>>();
const parsers = new Map<string, Parser>();

async function parserFor(lang: LanguageSpec, wasm: WasmBinaries): Promise<Parser> {
  // A load that failed is forgotten, so a later call can try again.
  ready ??= wasm
    .runtime()
    .then((wasmBinary) => Parser.init({ wasmBinary }))
    .catch((e: unknown) => {
      ready = undefined;
      throw e;
    });
  await ready;
  let p = parsers.get(lang.grammar);
  if (!p) {
    let l = languages.get(lang.grammar);
    if (!l) {
      l = wasm
        .grammar(lang.grammar)
        .then((bytes) => Language.load(bytes))
        .catch((e: unknown) => {
          languages.delete(lang.grammar);
          throw e;
        });
      languages.set(lang.grammar, l);
    }
    p = new Parser();
    p.setLanguage(await l);
    parsers.set(lang.grammar, p);
  }
  return p;
}

/** A syntax tree; tree-sitter recovers from errors, so any text parses. Call tree.delete() after use. */
export async function parse(source: string, lang: LanguageSpec, wasm: WasmBinaries): Promise<Tree> {
  const parser = await parserFor(lang, wasm);
  let tree: Tree | null;
  try {
    tree = parser.parse(source);
  } catch (e) {
    // A parser that failed inside WebAssembly may hold broken state: the next file gets a new one.
    parsers.delete(lang.grammar);
    throw e;
  }
  if (!tree) throw new Error(`tree-sitter could not parse the ${lang.name} source`);
  return tree;
}
