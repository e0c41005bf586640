/**
 * Writes the bundled sample traces (traces/samples/README.md): small
 * synthetic inputs in the exact schemas of the Azure Functions 2019 and
 * 2021 datasets, names hashed as theirs are, for the example scenarios.
 * They are not the datasets' data. Seeded: the same files every time.
 *
 *   npm run build && node dist/traces/samples/generate.js [directory]
 */
import { createHash } from "node:crypto";
import { writeFileSync } from "node:fs";
import { gzipSync } from "node:zlib";
import { exponential } from "../../sim/random/distributions/exponential.js";
import { lognormal } from "../../sim/random/distributions/lognormal.js";
import { RandomStreams } from "../../sim/random/streams.js";

const here = process.argv[2]
  ? `${process.argv[2]}/`
  : new URL("../../../traces/samples/", import.meta.url).pathname;
const hash = (s: string) => createHash("sha256").update(s).digest("hex");
const streams = new RandomStreams("samples");

/**
 * 2021: an hour of invocations of 24 functions in 6 apps, one row each
 * (app, func, end_timestamp, duration in seconds), in end order. Rates
 * fall off by popularity; run times are log-normal around each function's
 * median (20 ms to 3 s), and one function runs about a minute.
 */
function azure2021(): string {
  const u = streams.stream("2021");
  const rows: { end: number; line: string }[] = [];
  for (let f = 0; f < 24; f++) {
    const app = hash(`sample-app-${f % 6}`);
    const func = hash(`sample-func-${f}`);
    const next = exponential(u, 1.5 / (f + 1));
    const medianS = f === 23 ? 60 : 0.02 * Math.pow(150, ((f * 7) % 23) / 22);
    const run = lognormal(u, Math.log(medianS), 0.6);
    for (let t = next(); t < 3600; t += next()) {
      const duration = Math.max(0.001, Math.round(run() * 1000) / 1000);
      const end = t + duration;
      rows.push({ end, line: `${app},${func},${end.toFixed(3)},${duration.toFixed(3)}` });
    }
  }
  rows.sort((a, b) => a.end - b.end);
  return ["app,func,end_timestamp,duration", ...rows.map((r) => r.line)].join("\n") + "\n";
}

const MINUTES = 1440;
const PERCENTILES = [0, 1, 25, 50, 75, 99, 100];
const MEMORY_PERCENTILES = [1, 5, 25, 50, 75, 95, 99, 100];

/**
 * 2019, one day: 30 functions in 10 apps of 5 owners. HTTP functions
 * follow a daily cycle (peak in the afternoon), timers fire once a minute
 * or once an hour, queue functions come in bursts. Durations and memory
 * are given as the dataset gives them: percentiles per function and per app.
 */
function azure2019Day(day: number): { invocations: string; durations: string; memory: string } {
  const u = streams.stream(`2019/day-${day}`);
  const inv = [["HashOwner", "HashApp", "HashFunction", "Trigger"]];
  inv[0]!.push(...Array.from({ length: MINUTES }, (_, m) => String(m + 1)));
  const dur = [
    "HashOwner,HashApp,HashFunction,Average,Count,Minimum,Maximum," +
      PERCENTILES.map((p) => `percentile_Average_${p}`).join(","),
  ];
  const mem = [
    "HashOwner,HashApp,SampleCount,AverageAllocatedMb," +
      MEMORY_PERCENTILES.map((p) => `AverageAllocatedMb_pct${p}`).join(","),
  ];
  const burst = exponential(u, 1);
  for (let f = 0; f < 30; f++) {
    const owner = hash(`sample-owner-${f % 5}`);
    const app = hash(`sample-app-${f % 10}`);
    const func = hash(`sample-function-${f}`);
    const trigger = f % 5 === 0 ? "timer" : f % 5 === 1 ? "queue" : "http";
    const peak = 3 / (1 + (f % 7));
    let inBurst = 0;
    const counts = Array.from({ length: MINUTES }, (_, m) => {
      if (trigger === "timer") return f % 10 === 0 ? 1 : m % 60 === 0 ? 1 : 0;
      if (trigger === "queue") {
        if (inBurst <= 0 && u() < 0.01) inBurst = Math.ceil(5 * burst());
        return inBurst-- > 0 ? Math.floor(20 * u()) : 0;
      }
      const daily = 0.5 + 0.5 * Math.sin((2 * Math.PI * (m - 840 + 360)) / MINUTES);
      const mean = peak * (0.2 + 0.8 * daily);
      // A Poisson count by inversion: small means only.
      let k = 0;
      for (let p = Math.exp(-mean), s = p, x = u(); x > s; k++) s += p *= mean / (k + 1);
      return k;
    });
    inv.push([owner, app, func, trigger, ...counts.map(String)]);
    const baseMs = 20 * Math.pow(100, (f % 9) / 8);
    const q = PERCENTILES.map((p) => baseMs * Math.exp(0.8 * (p / 50 - 1)));
    const total = counts.reduce((a, b) => a + b, 0);
    const stats = [baseMs * 1.1, total, q[0]!, q[q.length - 1]!].map((x) => Math.round(x));
    dur.push([owner, app, func, ...stats, ...q.map((x) => x.toFixed(1))].join(","));
  }
  for (let a = 0; a < 10; a++) {
    const baseMb = 128 + 64 * (a % 4);
    const q = MEMORY_PERCENTILES.map((p) => baseMb * (0.8 + 0.6 * (p / 100)));
    const row = [hash(`sample-owner-${a % 5}`), hash(`sample-app-${a}`), 200, baseMb];
    mem.push([...row, ...q.map((x) => x.toFixed(0))].join(","));
  }
  return {
    invocations: inv.map((r) => r.join(",")).join("\n") + "\n",
    durations: dur.join("\n") + "\n",
    memory: mem.join("\n") + "\n",
  };
}

writeFileSync(`${here}azure2021-sample.csv.gz`, gzipSync(azure2021(), { level: 9 }));
for (const day of [1, 2]) {
  const files = azure2019Day(day);
  const dd = `d0${day}`;
  writeFileSync(`${here}invocations_per_function_md.anon.${dd}.csv`, files.invocations);
  writeFileSync(`${here}function_durations_percentiles.anon.${dd}.csv`, files.durations);
  writeFileSync(`${here}app_memory_percentiles.anon.${dd}.csv`, files.memory);
}
