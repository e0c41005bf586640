/**
 * report.html of a 10^6-request run: its size, the time to make it, and the
 * time headless Chromium takes from navigation to every chart drawn (the
 * page's own data-rendered-ms), on a first load and over repeated loads.
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { stringify } from "yaml";
import { htmlReport } from "../reports/html/report.js";
import { RequestDigest } from "../reports/html/request-digest.js";
import { readVegaScripts } from "../reports/html/vega-scripts.js";
import { runScenario } from "../sim/run/pipeline.js";
import { parseScenarioText } from "../sim/scenario/load.js";
import { validateScenario } from "../sim/scenario/validate.js";
import { openBrowser } from "../test/browser/chromium.js";

/** Three policies, each given `requests` Poisson requests over 1,000 functions, sampled every 10 s. */
export function benchScenarioDoc(requests: number) {
  const rate = 250;
  return {
    name: "bench-report",
    seed: 1,
    duration: `${requests / rate}s`,
    sla: { latency: "500ms" },
    output: { interval: "10s" },
    workload: {
      synth: {
        rate: `${rate}/s`,
        functions: 1000,
        cpu: { lognormal: { median: "50ms", p95: "300ms" } },
      },
    },
    policies: [
      {
        name: "static",
        policy: "static",
        config: { fleet: { "m5.xlarge": 12 }, concurrency: 4 },
      },
      {
        name: "hpa",
        policy: "reactive",
        config: {
          mode: "hpa",
          type: "m5.xlarge",
          concurrency: 4,
          minInstances: 2,
          maxInstances: 40,
        },
      },
      {
        name: "faas",
        policy: "reactive",
        config: { mode: "faas", type: "lambda-1769", keepAlive: "10m" },
      },
    ],
  };
}

function scenarioOf(requests: number) {
  return validateScenario(
    parseScenarioText("bench-report.yaml", stringify(benchScenarioDoc(requests))),
  );
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

export async function reportBenchmark(requests: number, loads: number) {
  const s = scenarioOf(requests);
  const digest = new RequestDigest(s.horizonS);
  const run = await runScenario(s, { sinks: { onRequestEnd: digest.record } });
  const scripts = readVegaScripts();
  const t0 = process.hrtime.bigint();
  const html = htmlReport({
    report: run.report,
    timeseries: run.timeseries,
    requests: digest.data(),
    scripts,
  });
  const makeMs = Number(process.hrtime.bigint() - t0) / 1e6;
  const dir = mkdtempSync(join(tmpdir(), "provisim-bench-report-"));
  const file = join(dir, "report.html");
  writeFileSync(file, html);
  const browser = await openBrowser();
  try {
    const times: number[] = [];
    for (let i = 0; i < loads + 1; i++) {
      const page = await browser.context.newPage();
      await page.goto(pathToFileURL(file).href);
      const handle = await page.waitForFunction(
        () =>
          (
            globalThis as unknown as {
              document: { documentElement: { dataset: Record<string, string> } };
            }
          ).document.documentElement.dataset.renderedMs,
        undefined,
        { timeout: 30_000 },
      );
      times.push(Number(await handle.jsonValue()));
      await page.close();
    }
    const [first, ...rest] = times;
    return {
      requestsPerPolicy: run.report.policies.map((p) => p.requests),
      timeseriesRows: run.timeseries.length,
      reportBytes: Buffer.byteLength(html),
      librariesBytes: scripts.vega.length + scripts.vegaLite.length + scripts.vegaEmbed.length,
      makeMs,
      firstLoadRenderMs: first!,
      renderMs: {
        median: median(rest),
        min: Math.min(...rest),
        max: Math.max(...rest),
        loads: rest.length,
      },
    };
  } finally {
    await browser.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
