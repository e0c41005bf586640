/**
 * The viewer's server: it serves the bundle and the named run directories'
 * files, and nothing else whatever the path (dot segments, encoded slashes,
 * other files of a run directory), to its own host only, read-only.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { request } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { route } from "../../sim/view/routes.js";
import { startViewServer, type ViewServer } from "../../sim/view/server.js";
import { viewedRuns } from "../../sim/view/viewed-runs.js";

const tmp = mkdtempSync(join(tmpdir(), "provisim-view-"));
const SECRET = "not to be served";

function runDir(path: string, withRequests: boolean): string {
  mkdirSync(path, { recursive: true });
  writeFileSync(join(path, "run.json"), '{"files":[]}\n');
  writeFileSync(join(path, "summary.json"), `{"at":"${path}"}\n`);
  writeFileSync(join(path, "timeseries.csv"), "policy,time_s\n");
  if (withRequests) writeFileSync(join(path, "requests.csv"), "policy,request_id\n");
  writeFileSync(join(path, "report.html"), SECRET);
  writeFileSync(join(path, "secret.txt"), SECRET);
  return path;
}

const bundle = join(tmp, "bundle");
let server: ViewServer;
let port: number;

beforeAll(async () => {
  mkdirSync(join(bundle, "sub"), { recursive: true });
  writeFileSync(join(bundle, "index.html"), "<!doctype html><title>v</title>");
  writeFileSync(join(bundle, "viewer.js"), "/* bundle */");
  writeFileSync(join(bundle, "sub", "x.js"), SECRET);
  writeFileSync(join(tmp, "secret.txt"), SECRET);
  const runs = viewedRuns([
    runDir(join(tmp, "one", "run"), true),
    runDir(join(tmp, "two", "run"), false),
  ]);
  server = await startViewServer({ runs, bundleDir: bundle, port: 0 });
  port = Number(new URL(server.url).port);
});

afterAll(async () => {
  await server?.close();
  rmSync(tmp, { recursive: true, force: true });
});

/** A request with the path sent exactly as written (fetch would resolve its dot segments). */
function get(
  path: string,
  opts: { method?: string; host?: string } = {},
): Promise<{ status: number; body: string; headers: Record<string, unknown> }> {
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: "127.0.0.1",
        port,
        path,
        method: opts.method ?? "GET",
        headers: { host: opts.host ?? `127.0.0.1:${port}` },
      },
      (res) => {
        let body = "";
        res.setEncoding("utf8").on("data", (s: string) => (body += s));
        res.on("end", () => resolve({ status: res.statusCode ?? 0, body, headers: res.headers }));
      },
    );
    req.on("error", reject);
    req.end();
  });
}

describe("sim view's server", () => {
  test("listens on 127.0.0.1 and serves the page, the bundle and the list of runs", async () => {
    expect(new URL(server.url).hostname).toBe("127.0.0.1");
    const page = await get("/");
    expect(page.status).toBe(200);
    expect(page.body).toContain("<title>v</title>");
    expect(page.headers["content-security-policy"]).toContain("default-src 'none'");
    expect((await get("/viewer.js")).body).toBe("/* bundle */");
    const runs = JSON.parse((await get("/runs.json")).body) as { label: string; files: string[] }[];
    expect(runs.map((r) => r.label)).toEqual(["one/run", "two/run"]);
    expect(runs[0]!.files).toEqual(["run.json", "summary.json", "timeseries.csv", "requests.csv"]);
    expect(runs[1]!.files).toEqual(["run.json", "summary.json", "timeseries.csv"]);
  });

  test("serves each run's files byte for byte, and a file the directory lacks as 404", async () => {
    const one = await get("/runs/0/summary.json");
    expect(one.status).toBe(200);
    expect(one.body).toBe(readFileSync(join(tmp, "one", "run", "summary.json"), "utf8"));
    expect(JSON.parse((await get("/runs/1/summary.json")).body)).toEqual({
      at: join(tmp, "two", "run"),
    });
    expect((await get("/runs/1/requests.csv")).status).toBe(404);
  });

  test.each([
    "/runs/0/../../secret.txt",
    "/runs/0/../../../secret.txt",
    "/runs/0/..%2f..%2fsecret.txt",
    "/runs/0/%2e%2e/%2e%2e/secret.txt",
    "/%2e%2e/secret.txt",
    "/../secret.txt",
    "//secret.txt",
    "/runs/0/secret.txt",
    "/runs/0/report.html",
    "/runs/0/summary.json/",
    "/runs/0//summary.json",
    "/runs/00/summary.json",
    "/runs/-1/summary.json",
    "/runs/2/summary.json",
    "/runs/0/summary.json%00",
    "/sub/x.js",
    "/sub%2fx.js",
    "/viewer.js/../sub/x.js",
    "/index.html/../../secret.txt",
    `/${join(tmp, "secret.txt")}`,
    "/package.json",
  ])("no path reaches another file: %s", async (path) => {
    const r = await get(path);
    expect(r.status).toBe(404);
    expect(r.body).not.toContain(SECRET);
  });

  test("is read-only and answers only to its own host name", async () => {
    for (const method of ["POST", "PUT", "DELETE"]) {
      const r = await get("/runs/0/summary.json", { method });
      expect(r.status).toBe(405);
      expect(r.headers.allow).toBe("GET, HEAD");
    }
    expect((await get("/runs.json", { host: "attacker.example" })).status).toBe(403);
    expect((await get("/runs.json", { host: `localhost:${port}` })).status).toBe(200);
    expect((await get("/runs/0/summary.json", { method: "HEAD" })).status).toBe(200);
  });
});

describe("the routes", () => {
  const files = new Set(["index.html", "viewer.js"]);
  test("name fixed files only", () => {
    expect(route("/", files, 1)).toEqual({ kind: "bundle", file: "index.html" });
    expect(route("/viewer.js", files, 1)).toEqual({ kind: "bundle", file: "viewer.js" });
    expect(route("/runs/0/requests.csv", files, 1)).toEqual({
      kind: "run-file",
      run: 0,
      file: "requests.csv",
    });
    expect(route("/runs/1/requests.csv", files, 1)).toBeNull();
    expect(route("/viewer.css", files, 1)).toBeNull();
  });
});

describe("the run directories", () => {
  test("must each be a run directory, named in the error", () => {
    expect(() => viewedRuns([join(tmp, "nowhere")])).toThrow(/nowhere: no such directory/);
    expect(() => viewedRuns([join(tmp, "secret.txt")])).toThrow(/secret\.txt: not a directory/);
    expect(() => viewedRuns([bundle])).toThrow(/bundle: not a run directory: it has no run\.json/);
    expect(() => viewedRuns([])).toThrow(/at least one run directory/);
  });

  test("get the shortest labels that tell them apart", () => {
    const a = runDir(join(tmp, "labels", "x", "out"), false);
    const b = runDir(join(tmp, "labels", "y", "out"), false);
    const c = runDir(join(tmp, "labels", "z"), false);
    expect(viewedRuns([a, b, c]).map((r) => r.label)).toEqual(["x/out", "y/out", "labels/z"]);
    expect(viewedRuns([c]).map((r) => r.label)).toEqual(["z"]);
    expect(viewedRuns([c, c]).map((r) => r.label)).toEqual([
      join(tmp, "labels", "z").slice(1),
      `${join(tmp, "labels", "z").slice(1)} (2)`,
    ]);
  });
});
