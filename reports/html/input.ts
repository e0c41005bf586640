/** What the HTML report is made from: all plain data, so making it is a pure function. */
import type { TimeseriesRow } from "../../sim/model/summary.js";
import type { RunReport } from "../summary-report.js";
import type { RequestDigestData } from "./request-digest.js";

/** The chart libraries' minified builds, inlined into the page. */
export interface VegaScripts {
  readonly vega: string;
  readonly vegaLite: string;
  readonly vegaEmbed: string;
  /** Package versions, shown in the page's footer. */
  readonly versions: {
    readonly vega: string;
    readonly vegaLite: string;
    readonly vegaEmbed: string;
  };
}

export interface HtmlReportInput {
  readonly report: RunReport;
  /** The first replication's samples (as timeseries.csv holds them). */
  readonly timeseries: readonly TimeseriesRow[];
  /**
   * Per-request figures from a RequestDigest fed during the run. Without
   * them the latency CDF shows the summary's percentiles only and cold starts
   * over time are left out, with a note saying so.
   */
  readonly requests?: RequestDigestData;
  readonly scripts: VegaScripts;
}

/** A Vega-Lite specification: plain JSON. */
export type VlSpec = { readonly [key: string]: unknown };

/** One chart of the page. */
export interface ChartSection {
  readonly id: string;
  readonly title: string;
  /** One or two sentences under the title: what is drawn and from what. */
  readonly caption: string;
  readonly spec: VlSpec;
}
