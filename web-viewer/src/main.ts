/** The viewer's page: loads the opened runs, sets up the filters and draws the views. */
import { fetchRuns } from "./fetch-runs.js";
import { setUpFilters } from "./filter-controls.js";
import { NO_FILTER } from "./filter.js";
import { renderViews } from "./render-views.js";
import type { LoadedRun } from "./run-data.js";

function describeRuns(runs: readonly LoadedRun[]): void {
  const list = document.getElementById("runs")!;
  for (const r of runs) {
    const s = r.summary;
    const li = document.createElement("li");
    li.textContent = `${r.label}: ${s.scenario}, ${s.policies.length} policies, ${s.replications} replication${s.replications === 1 ? "" : "s"}, ${s.horizonS} s simulated${r.requests ? "" : ", no requests.csv"}`;
    list.append(li);
  }
}

function fail(e: unknown): void {
  const message = e instanceof Error ? e.message : String(e);
  const box = document.getElementById("error")!;
  box.textContent = `Cannot show the runs: ${message}`;
  box.hidden = false;
  document.documentElement.dataset.renderError = message;
}

async function start(): Promise<void> {
  const runs = await fetchRuns();
  describeRuns(runs);
  let drawing = Promise.resolve();
  setUpFilters(runs, (filter) => {
    drawing = drawing.then(() => renderViews(runs, filter)).catch(fail);
  });
  drawing = renderViews(runs, NO_FILTER);
  await drawing;
}

start().catch(fail);
