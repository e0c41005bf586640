/**
 * What a request path names, decided from fixed names only: the page, one
 * of the bundle's files, the list of runs, or one of VIEWED_FILES of run i.
 * No part of the path is ever joined onto a directory, so no path (dot
 * segments, encoded slashes, absolute names) can reach another file.
 */
import { VIEWED_FILES, type ViewedFile } from "./viewed-runs.js";

export type Route =
  | { readonly kind: "bundle"; readonly file: string }
  | { readonly kind: "runs" }
  | { readonly kind: "run-file"; readonly run: number; readonly file: ViewedFile };

const RUN_FILE = /^\/runs\/(0|[1-9][0-9]{0,5})\/([a-z.]+)$/;

/**
 * `path` is the URL's path as sent (before any decoding); `bundle` the
 * names of the bundle's files; `runs` how many run directories there are.
 */
export function route(path: string, bundle: ReadonlySet<string>, runs: number): Route | null {
  if (path === "/" || path === "/index.html") return { kind: "bundle", file: "index.html" };
  if (path === "/runs.json") return { kind: "runs" };
  const name = path.slice(1);
  if (bundle.has(name) && /^[a-z0-9-]+\.[a-z]+$/.test(name)) return { kind: "bundle", file: name };
  const m = RUN_FILE.exec(path);
  if (!m) return null;
  const run = Number(m[1]);
  const file = VIEWED_FILES.find((f) => f === m[2]);
  if (run >= runs || file === undefined) return null;
  return { kind: "run-file", run, file };
}
