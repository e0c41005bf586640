/**
 * The signal a policy has in the bundled code-inputs scenario: from what it
 * sees of a request (its code's features and its input size) a regression
 * predicts the request's true CPU-seconds far better than one from its
 * function id and arrival rate alone, and still not perfectly (each
 * function's own noise and each request's are hidden from it).
 */
import { beforeAll, expect, test } from "vitest";
import { requestView, type WorkRequest } from "../../sim/model/request.js";
import { loadAndValidate } from "../../sim/run/pipeline.js";
import { replicationStreams } from "../../sim/run/replication-streams.js";
import { jobWorkload, workloadPrograms } from "../../sim/run/workload-source.js";

const scenarioFile = new URL("../../scenarios/code-inputs.yaml", import.meta.url).pathname;
const N = 20_000;
let requests: WorkRequest[] = [];

beforeAll(async () => {
  const s = loadAndValidate(scenarioFile);
  const source = jobWorkload(s, replicationStreams(s.seed, 0), await workloadPrograms(s)).source;
  requests = Array.from({ length: N }, () => source.next()!);
});

/** Least squares (a tiny ridge keeps unused columns solvable) by Gaussian elimination. */
function fit(rows: readonly number[][], y: readonly number[]): number[] {
  const p = rows[0]!.length;
  const a = Array.from({ length: p }, (_, i) => {
    const row = new Array<number>(p + 1).fill(0);
    row[i] = 1e-9;
    return row;
  });
  rows.forEach((x, k) => {
    for (let i = 0; i < p; i++) {
      for (let j = 0; j < p; j++) a[i]![j]! += x[i]! * x[j]!;
      a[i]![p]! += x[i]! * y[k]!;
    }
  });
  for (let c = 0; c < p; c++) {
    let pivot = c;
    for (let r = c + 1; r < p; r++) if (Math.abs(a[r]![c]!) > Math.abs(a[pivot]![c]!)) pivot = r;
    [a[c], a[pivot]] = [a[pivot]!, a[c]!];
    for (let r = 0; r < p; r++) {
      if (r === c) continue;
      const f = a[r]![c]! / a[c]![c]!;
      for (let j = c; j <= p; j++) a[r]![j]! -= f * a[c]![j]!;
    }
  }
  return a.map((row, i) => row[p]! / row[i]!);
}

/** Squared error on the held-out second half of predictions fitted to the first half. */
function heldOutError(x: readonly number[][], y: readonly number[]): number {
  const half = x.length / 2;
  const beta = fit(x.slice(0, half), y.slice(0, half));
  let residual = 0;
  x.slice(half).forEach((row, k) => {
    const predicted = row.reduce((s, v, i) => s + v * beta[i]!, 0);
    residual += (y[half + k]! - predicted) ** 2;
  });
  return residual;
}

/** Share of the variance of y on held-out rows that predictions from the training rows explain. */
function heldOutR2(x: readonly number[][], y: readonly number[]): number {
  return (
    1 -
    heldOutError(x, y) /
      heldOutError(
        x.map(() => [1]),
        y,
      )
  );
}

test("code features and input size explain most of the CPU-seconds, arrival rates little", () => {
  const views = requests.map(requestView);
  const y = requests.map((r) => Math.log(r.demand.cpuSeconds));
  // What the policy sees of the code: the program (a feature), and per
  // program how demand rises with the input (a slope on log input size).
  const codes = [...new Set(views.map((v) => String(v.features!.codeId)))];
  const codeOf = views.map((v) => codes.indexOf(String(v.features!.codeId)));
  const fromCode = views.map((v, k) => {
    const x = new Array<number>(2 * codes.length).fill(0);
    x[2 * codeOf[k]!] = 1;
    x[2 * codeOf[k]! + 1] = Math.log(v.inputBytes!);
    return x;
  });
  const programOnly = views.map((_, k) => {
    const x = new Array<number>(codes.length).fill(0);
    x[codeOf[k]!] = 1;
    return x;
  });
  // What a policy of arrival rates sees: the function and how often it is called.
  const calls = new Map<number, number>();
  for (const v of views) calls.set(v.functionId, (calls.get(v.functionId) ?? 0) + 1);
  const fromRates = views.map((v) => [1, v.functionId, Math.log(calls.get(v.functionId)! / N)]);
  const withCode = heldOutR2(fromCode, y);
  const withRates = heldOutR2(fromRates, y);
  expect(withCode).toBeGreaterThan(0.95);
  expect(withRates).toBeLessThan(0.25);
  expect(withCode - withRates).toBeGreaterThan(0.7);
  // Once the program is known, what is left varies with the input: its size
  // explains most of that, not all (the noise of functions and requests).
  const withinProgram = 1 - heldOutError(fromCode, y) / heldOutError(programOnly, y);
  expect(withinProgram).toBeGreaterThan(0.6);
  expect(withinProgram).toBeLessThan(0.95);
});

test("requests carry their input and code identity, and the same hash always the same size", () => {
  const sizeOf = new Map<string, number>();
  for (const r of requests) {
    expect(r.inputHash).toMatch(/^[0-9a-f]{16}$/);
    expect(r.codeId).toBe(r.features!.codeId);
    expect(r.codeVersion).toBe("1.0.0");
    expect(sizeOf.get(r.inputHash!) ?? r.inputBytes).toBe(r.inputBytes);
    sizeOf.set(r.inputHash!, r.inputBytes!);
  }
  // 72 functions of 24 parameter sets each: most are called in 20,000 requests.
  expect(sizeOf.size).toBeGreaterThan(1000);
  expect(sizeOf.size).toBeLessThanOrEqual(72 * 24);
});
