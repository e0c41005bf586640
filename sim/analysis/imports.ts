/**
 * A file's imports and the names they bring in, so calls anywhere in the
 * file can be matched to them. Walked without recursion: files nest deeply.
 */
import type { Node } from "web-tree-sitter";
import { callee } from "./callee.js";
import type { LanguageSpec } from "./languages.js";

/** A named node that imports: an import statement, or an import call (Ruby's require). */
export function isImport(type: string, node: () => Node, lang: LanguageSpec): boolean {
  return (
    lang.imports.has(type) ||
    (lang.importCalls !== undefined &&
      lang.calls.has(type) &&
      lang.importCalls.has(callee(node()).name))
  );
}

/** Whether a node of this type may be an import, before the node is made to look. */
export const mayImport = (type: string, lang: LanguageSpec): boolean =>
  lang.imports.has(type) || (lang.importCalls !== undefined && lang.calls.has(type));

/** Depth-first, named nodes only, each with its parent's type; `enter` says whether to go below. */
function eachNamed(top: Node, enter: (n: Node, parentType: string | undefined) => boolean): void {
  const pending: [Node, string | undefined][] = [[top, undefined]];
  for (let item = pending.pop(); item; item = pending.pop()) {
    const [n, parentType] = item;
    if (!enter(n, parentType)) continue;
    const children = n.namedChildren;
    for (let i = children.length - 1; i >= 0; i--) {
      const c = children[i];
      if (c) pending.push([c, n.type]);
    }
  }
}

/** The names an import brings into the file. */
export function importNames(node: Node, lang: LanguageSpec): string[] {
  switch (lang.name) {
    case "go": {
      const alias = node.childForFieldName("name")?.text;
      const path = node.childForFieldName("path")?.text.replace(/["`]/g, "") ?? "";
      return [alias ?? path.split("/").pop() ?? path];
    }
    case "java": {
      const parts = node.text
        .replace(/^import\s+(static\s+)?/, "")
        .replace(/;$/, "")
        .split(".");
      return [
        parts[parts.length - 1] === "*" ? parts[parts.length - 2]! : parts[parts.length - 1]!,
      ];
    }
    case "ruby": {
      // require "net/http": the constants it brings are spelled Net, HTTP; "json": JSON.
      const path =
        node.childForFieldName("arguments")?.namedChildren[0]?.text.replace(/["']/g, "") ?? "";
      const camel = (s: string) =>
        s.replace(/(^|_)([a-z])/g, (_, __, c: string) => c.toUpperCase());
      return path.split("/").flatMap((part) => [camel(part), part.toUpperCase()]);
    }
    case "csharp": {
      // `using A.B.C;` brings C's members; `using X = A.B;` names X.
      const alias = node.childForFieldName("name")?.text;
      const parts = node.text
        .replace(/^(global\s+)?using\s+(static\s+)?/, "")
        .replace(/;$/, "")
        .split("=")
        .pop()!
        .trim()
        .split(".");
      return [alias ?? parts[parts.length - 1]!];
    }
    case "rust": {
      // `use a::b::c;`, `use a::{b, c as d};`, `use a::b::*;` bind c; b, d; b.
      const names: string[] = [];
      const argument = node.childForFieldName("argument");
      if (!argument) return names;
      const pending: Node[] = [argument];
      for (let n = pending.pop(); n; n = pending.pop()) {
        switch (n.type) {
          case "use_as_clause":
            names.push(n.childForFieldName("alias")?.text ?? "");
            break;
          case "scoped_identifier":
            names.push(n.childForFieldName("name")?.text ?? "");
            break;
          case "identifier":
            names.push(n.text);
            break;
          case "scoped_use_list":
            for (const c of n.childForFieldName("list")?.namedChildren ?? [])
              if (c) pending.push(c);
            break;
          case "use_wildcard": {
            // `a::b::*`: what it brings is reached through b.
            const path = n.firstNamedChild;
            if (path) pending.push(path);
            break;
          }
          default:
            for (const c of n.namedChildren) if (c) pending.push(c);
        }
      }
      return names.filter((x) => x !== "" && x !== "self" && x !== "crate" && x !== "super");
    }
    default: {
      // Every identifier an import statement binds, minus the module path.
      const names: string[] = [];
      eachNamed(node, (n, parentType) => {
        if (n.type === "identifier" || n.type === "dotted_name") {
          if (parentType !== "dotted_name") names.push(n.text.split(".")[0]!);
        }
        return n === node || n.type !== "string";
      });
      return names;
    }
  }
}
