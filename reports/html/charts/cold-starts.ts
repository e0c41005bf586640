/** Cold starts per interval of arrival time, a line per policy. */
import { timeUnit } from "../fleet-series.js";
import type { ChartSection } from "../input.js";
import type { RequestDigestData } from "../request-digest.js";
import { policyColor, WIDTH } from "./policy-colors.js";

export function coldStartsChart(
  policies: readonly string[],
  digest: RequestDigestData,
  horizonS: number,
  replications: number,
): ChartSection {
  const unit = timeUnit(horizonS);
  const perRun = Math.max(1, replications);
  const values = digest.policies.flatMap((d) =>
    d.coldStartsByInterval.map((cold, i) => {
      const completed = d.completedByInterval[i] ?? 0;
      return {
        policy: d.policy,
        t: (i * digest.intervalS) / unit.seconds,
        coldStarts: cold / perRun,
        completed: completed / perRun,
        ratio: completed > 0 ? cold / completed : 0,
      };
    }),
  );
  const interval =
    digest.intervalS >= 60 ? `${digest.intervalS / 60} min` : `${digest.intervalS} s`;
  return {
    id: "cold-starts",
    title: "Cold starts over time",
    caption: `Completed requests that waited for an instance to boot, per ${interval} of arrival time${replications > 1 ? ", mean per replication" : ""}.`,
    spec: {
      width: WIDTH,
      height: 220,
      data: { values },
      mark: { type: "line", interpolate: "step-after", point: { size: 12 } },
      encoding: {
        x: { field: "t", type: "quantitative", title: `arrival time (${unit.name})` },
        // A burst at the start (an empty fleet) would flatten the rest on a linear axis.
        y: {
          field: "coldStarts",
          type: "quantitative",
          title: `cold starts per ${interval} (symlog scale)`,
          scale: { type: "symlog" },
        },
        color: policyColor(policies),
        tooltip: [
          { field: "policy", title: "policy" },
          { field: "t", title: `from (${unit.name})`, format: ",.2f" },
          { field: "coldStarts", title: "cold starts", format: ",.1f" },
          { field: "completed", title: "completed requests", format: ",.1f" },
          { field: "ratio", title: "cold-start ratio", format: ".2%" },
        ],
      },
    },
  };
}
