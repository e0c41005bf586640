/**
 * The web viewer against report.html on one run directory of about 10^6
 * requests in all (the report benchmark's three policies, a third each,
 * written by `sim run --out DIR --requests`): headless Chromium's time from
 * navigation to every chart drawn (each page's data-rendered-ms), report.html
 * from file://, the viewer from `sim view`'s server, which fetches and
 * parses requests.csv. A first load, then repeated loads in fresh tabs.
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { stringify } from "yaml";
import { viewerBundleDir } from "../sim/view/bundle-dir.js";
import { startViewServer } from "../sim/view/server.js";
import { viewedRuns } from "../sim/view/viewed-runs.js";
import { openBrowser } from "../test/browser/chromium.js";
import { benchScenarioDoc } from "./report.js";

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

type Browser = Awaited<ReturnType<typeof openBrowser>>;

async function renderTimes(browser: Browser, url: string, loads: number) {
  const times: number[] = [];
  for (let i = 0; i < loads + 1; i++) {
    const page = await browser.context.newPage();
    await page.goto(url);
    const handle = await page.waitForFunction(
      () =>
        (
          globalThis as unknown as {
            document: { documentElement: { dataset: Record<string, string> } };
          }
        ).document.documentElement.dataset.renderedMs,
      undefined,
      { timeout: 300_000 },
    );
    times.push(Number(await handle.jsonValue()));
    await page.close();
  }
  const [first, ...rest] = times;
  return {
    firstLoadMs: first!,
    medianMs: median(rest),
    min: Math.min(...rest),
    max: Math.max(...rest),
  };
}

export async function viewerBenchmark(requests: number, loads: number) {
  const dir = mkdtempSync(join(tmpdir(), "provisim-bench-viewer-"));
  try {
    const scenario = join(dir, "bench-viewer.yaml");
    writeFileSync(scenario, stringify(benchScenarioDoc(Math.ceil(requests / 3))));
    const out = join(dir, "run");
    const bin = new URL("../../bin/sim.js", import.meta.url).pathname;
    execFileSync(process.execPath, [bin, "run", scenario, "--out", out, "--requests"], {
      stdio: ["ignore", "ignore", "inherit"],
    });
    const requestRows =
      Number(
        execFileSync("wc", ["-l", join(out, "requests.csv")], { encoding: "utf8" })
          .trim()
          .split(" ")[0],
      ) - 1;
    const server = await startViewServer({
      runs: viewedRuns([out]),
      bundleDir: viewerBundleDir(),
      port: 0,
    });
    const browser = await openBrowser();
    try {
      // Peers measured alternately in the same run, on the same directory.
      const report = await renderTimes(
        browser,
        pathToFileURL(join(out, "report.html")).href,
        loads,
      );
      const viewer = await renderTimes(browser, server.url, loads);
      return {
        requestRows,
        requestsCsvBytes: statSync(join(out, "requests.csv")).size,
        reportBytes: statSync(join(out, "report.html")).size,
        bundleBytes: statSync(join(viewerBundleDir(), "viewer.js")).size,
        report,
        viewer,
        viewerVsReport: viewer.medianMs / report.medianMs,
      };
    } finally {
      await browser.close();
      await server.close();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
