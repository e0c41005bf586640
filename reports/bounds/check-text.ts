/** What `sim check` and `sim bounds` print of one scenario's bounds check. */
import { regressions, tightenable, type BoundsResult } from "./check.js";
import { regressionMessage, tightenMessage } from "./messages.js";

export function checkText(r: BoundsResult): string {
  const worse = regressions(r);
  const better = tightenable(r);
  const policies = new Set(r.checks.map((c) => c.policy)).size;
  const head =
    worse.length > 0
      ? `${r.scenario}: ${worse.length} of ${r.checks.length} bounds broken (${policies} policies)`
      : `${r.scenario}: within all ${r.checks.length} bounds (${policies} policies)`;
  const lines = [
    head,
    ...worse.map((c) => `  worse: ${regressionMessage(r, c)}`),
    ...better.map((c) => `  better: ${tightenMessage(r, c)}`),
  ];
  if (better.length > 0)
    lines.push(
      `  ${better.length} bound${better.length === 1 ? "" : "s"} could be tightened: rewrite the bounds with sim bounds --update`,
    );
  return `${lines.join("\n")}\n`;
}
