/**
 * The viewer's HTTP server: read-only, on 127.0.0.1 only, serving the
 * bundle and the named run directories' VIEWED_FILES and nothing else
 * (routes.ts decides from fixed names). A Host other than the server's own
 * is refused, so a page elsewhere cannot reach it by renaming its host.
 */
import { createReadStream, readdirSync, statSync } from "node:fs";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { extname, join } from "node:path";
import { route, type Route } from "./routes.js";
import type { ViewedRun } from "./viewed-runs.js";

export const VIEW_HOST = "127.0.0.1";

const TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".json": "application/json; charset=utf-8",
  ".csv": "text/csv; charset=utf-8",
  ".map": "application/json; charset=utf-8",
};

// Vega compiles its expressions with Function() and vega-embed adds a style element.
const CSP = [
  "default-src 'none'",
  "script-src 'self' 'unsafe-eval'",
  "style-src 'self' 'unsafe-inline'",
  "connect-src 'self'",
  "img-src 'self' data: blob:",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join("; ");

export interface ViewServer {
  readonly url: string;
  close(): Promise<void>;
}

function send(res: ServerResponse, status: number, text: string, extra = {}): void {
  res.writeHead(status, { "content-type": "text/plain; charset=utf-8", ...extra });
  res.end(`${text}\n`);
}

function sendFile(req: IncomingMessage, res: ServerResponse, path: string): void {
  let bytes: number;
  try {
    bytes = statSync(path).size;
  } catch {
    send(res, 404, "not found");
    return;
  }
  res.writeHead(200, {
    "content-type": TYPES[extname(path)] ?? "application/octet-stream",
    "content-length": String(bytes),
  });
  if (req.method === "HEAD") {
    res.end();
    return;
  }
  const stream = createReadStream(path);
  stream.on("error", () => res.destroy());
  stream.pipe(res);
}

export function startViewServer(options: {
  readonly runs: readonly ViewedRun[];
  readonly bundleDir: string;
  readonly port: number;
}): Promise<ViewServer> {
  const { runs, bundleDir } = options;
  const bundle = new Set(
    readdirSync(bundleDir).filter((f) => statSync(join(bundleDir, f)).isFile()),
  );
  const listing = JSON.stringify(runs.map((r) => ({ label: r.label, files: r.files })));
  let hosts: ReadonlySet<string> = new Set();

  const serve = (req: IncomingMessage, res: ServerResponse, to: Route): void => {
    if (to.kind === "runs") {
      res.writeHead(200, { "content-type": TYPES[".json"]! });
      res.end(req.method === "HEAD" ? undefined : listing);
    } else if (to.kind === "bundle") sendFile(req, res, join(bundleDir, to.file));
    else {
      const run = runs[to.run]!;
      if (!run.files.includes(to.file)) send(res, 404, "not found");
      else sendFile(req, res, join(run.dir, to.file));
    }
  };

  const server = createServer((req, res) => {
    res.setHeader("content-security-policy", CSP);
    res.setHeader("x-content-type-options", "nosniff");
    res.setHeader("referrer-policy", "no-referrer");
    res.setHeader("cache-control", "no-store");
    if (req.method !== "GET" && req.method !== "HEAD") {
      send(res, 405, "read-only: GET and HEAD only", { allow: "GET, HEAD" });
      return;
    }
    if (!hosts.has(req.headers.host ?? "")) {
      send(res, 403, "unknown host");
      return;
    }
    const path = (req.url ?? "").split("?")[0] ?? "";
    const to = route(path, bundle, runs.length);
    if (to === null) send(res, 404, "not found");
    else serve(req, res, to);
  });

  return new Promise((resolveStart, rejectStart) => {
    server.once("error", rejectStart);
    server.listen(options.port, VIEW_HOST, () => {
      server.off("error", rejectStart);
      const { port } = server.address() as AddressInfo;
      hosts = new Set([`${VIEW_HOST}:${port}`, `localhost:${port}`]);
      resolveStart({
        url: `http://${VIEW_HOST}:${port}/`,
        close: () =>
          new Promise((done) => {
            server.close(() => done());
            server.closeAllConnections();
          }),
      });
    });
  });
}
