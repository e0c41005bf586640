/** The viewer's page: loads the opened runs, sets up the filters and draws the views. */
import { fetchRuns } from "./fetch-runs.js";
import { setUpFilters } from "./filter-controls.js";
import { NO_FILTER, type Filter } from "./filter.js";
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

function status(text: string | null): void {
  const line = document.getElementById("status")!;
  line.textContent = text;
  line.hidden = text === null;
}

function fail(e: unknown): void {
  status(null);
  const message = e instanceof Error ? e.message : String(e);
  const box = document.getElementById("error")!;
  box.textContent = `Cannot show the runs: ${message}`;
  box.hidden = false;
  document.documentElement.dataset.renderError = message;
}

async function start(): Promise<void> {
  const runs = await fetchRuns();
  describeRuns(runs);
  const draw = async (filter: Filter) => {
    status("Drawing…");
    await renderViews(runs, filter);
    status(null);
  };
  let drawing = Promise.resolve();
  setUpFilters(runs, (filter) => {
    drawing = drawing.then(() => draw(filter)).catch(fail);
  });
  drawing = draw(NO_FILTER);
  await drawing;
}

start().catch(fail);
