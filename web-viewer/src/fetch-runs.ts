/** The opened runs, from the server: runs.json lists them, then each one's files. */
import { parseRequests, parseSummary, parseTimeseries } from "./parse-run.js";
import { RunFileError } from "./csv-rows.js";
import type { LoadedRun } from "./run-data.js";

interface Listed {
  readonly label: string;
  readonly files: readonly string[];
}

async function text(url: string): Promise<string> {
  const res = await fetch(url);
  if (!res.ok) throw new RunFileError(`${url}: ${res.status} ${res.statusText}`);
  return res.text();
}

async function fetchRun(i: number, listed: Listed): Promise<LoadedRun> {
  const file = (name: string) => `${listed.label}/${name}`;
  const get = (name: string) => text(`runs/${i}/${name}`);
  const has = (name: string) => listed.files.includes(name);
  const [summary, timeseries, requests] = await Promise.all([
    get("summary.json"),
    has("timeseries.csv") ? get("timeseries.csv") : Promise.resolve(null),
    has("requests.csv") ? get("requests.csv") : Promise.resolve(null),
  ]);
  return {
    label: listed.label,
    summary: parseSummary(file("summary.json"), summary),
    timeseries: timeseries === null ? [] : parseTimeseries(file("timeseries.csv"), timeseries),
    requests: requests === null ? null : parseRequests(file("requests.csv"), requests),
  };
}

export async function fetchRuns(): Promise<LoadedRun[]> {
  const listed = JSON.parse(await text("runs.json")) as Listed[];
  return Promise.all(listed.map((l, i) => fetchRun(i, l)));
}
