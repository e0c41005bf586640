/**
 * Loads web-tree-sitter and the grammars of tree-sitter-wasms (both pinned:
 * grammars must match the runtime's ABI), each once, on first use.
 */
import { createRequire } from "node:module";
import { Language, Parser, type Tree } from "web-tree-sitter";
import type { LanguageSpec } from "./languages.js";

const require = createRequire(import.meta.url);
let ready: Promise<void> | undefined;
const languages = new Map<string, Promise<Language>>();
const parsers = new Map<string, Parser>();

async function parserFor(lang: LanguageSpec): Promise<Parser> {
  ready ??= Parser.init();
  await ready;
  let p = parsers.get(lang.grammar);
  if (!p) {
    let l = languages.get(lang.grammar);
    if (!l) {
      l = Language.load(require.resolve(`tree-sitter-wasms/out/tree-sitter-${lang.grammar}.wasm`));
      languages.set(lang.grammar, l);
    }
    p = new Parser();
    p.setLanguage(await l);
    parsers.set(lang.grammar, p);
  }
  return p;
}

/** A syntax tree; tree-sitter recovers from errors, so any text parses. Call tree.delete() after use. */
export async function parse(source: string, lang: LanguageSpec): Promise<Tree> {
  const tree = (await parserFor(lang)).parse(source);
  if (!tree) throw new Error(`tree-sitter could not parse the ${lang.name} source`);
  return tree;
}
