import { runScenario } from "../../sim/run/pipeline.js";
import { RequestDigest } from "../../reports/html/request-digest.js";
import type { HtmlReportInput, VegaScripts } from "../../reports/html/input.js";
import { scenario } from "../support/scenario.js";

/** Two policies that differ in cost, cold starts and fleet shape, on a short horizon. */
export function twoPolicyScenario(
  opts: { rate?: string; duration?: string; replications?: number } = {},
) {
  return scenario({
    name: "html-report",
    description: "a fixed fleet against an autoscaler, for the HTML report's tests",
    seed: 5,
    duration: opts.duration ?? "20m",
    sla: { latency: "400ms" },
    workload: {
      synth: {
        rate: opts.rate ?? "8/s",
        functions: 20,
        cpu: { lognormal: { median: "60ms", p95: "300ms" } },
      },
    },
    replications: opts.replications ?? 1,
    output: { interval: "30s" },
    policies: [
      { name: "static-3", policy: "static", config: { fleet: { "t3.medium": 3 } } },
      {
        name: "hpa",
        policy: "reactive",
        config: { mode: "hpa", type: "t3.medium", minInstances: 1, initialInstances: 1 },
      },
      {
        name: "faas",
        policy: "reactive",
        config: { mode: "faas", type: "lambda-1769", keepAlive: "2m" },
      },
    ],
  });
}

/** The pipeline run with a digest, as the write stage makes the report's input. */
export async function reportInput(
  scripts: VegaScripts,
  opts: Parameters<typeof twoPolicyScenario>[0] = {},
): Promise<HtmlReportInput> {
  const s = twoPolicyScenario(opts);
  const digest = new RequestDigest(s.horizonS);
  const r = await runScenario(s, { sinks: { onRequestEnd: digest.record } });
  return { report: r.report, timeseries: r.timeseries, requests: digest.data(), scripts };
}

/** Stand-ins for the chart libraries where a test reads the page, not runs it. */
export const FAKE_SCRIPTS: VegaScripts = {
  vega: "/* vega */",
  vegaLite: "/* vega-lite */",
  vegaEmbed: "/* vega-embed */",
  versions: { vega: "0", vegaLite: "0", vegaEmbed: "0" },
};
