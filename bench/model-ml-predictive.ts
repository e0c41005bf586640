/**
 * Model throughput with ml-predictive (its trained model, the committed
 * scenarios/models/code-inputs.json, predicting every arrival and learning
 * from every completion) against reactive HPA on the same workload, in the
 * same process; and the latency of one prediction (the model's quantiles
 * and the learned correction) over the code corpus' programs.
 */
import { readFileSync } from "node:fs";
import { benchScenario, HPA_BENCH_POLICY } from "./model.js";
import { runJob } from "../sim/run/run-job.js";
import { emptyDemand, learnDemand, predictDemand } from "../sim/policies/ml-predictive/demand.js";
import { mlPredictivePolicy } from "../sim/policies/ml-predictive/index.js";
import { predictorOf } from "../sim/policies/ml-predictive/model-cache.js";
import type { RequestView } from "../sim/policies/types.js";
import { loadCodeCorpus } from "../traces/code-corpus.js";
import { Seeded } from "../sim/predict/seeded.js";

export type MlMode = "hpa" | "ml-predictive";

const MODEL = new URL("../../scenarios/models/code-inputs.json", import.meta.url);
const model = () => JSON.parse(readFileSync(MODEL, "utf8")) as object;

function scenarioFor(mode: MlMode, requests: number) {
  const policy =
    mode === "hpa"
      ? HPA_BENCH_POLICY
      : {
          policy: "ml-predictive",
          config: {
            model: model(),
            light: { type: "m5.xlarge", concurrency: 4, initial: 10, maxInstances: 200 },
            heavy: { type: "m5.2xlarge", concurrency: 4, initial: 1, maxInstances: 50 },
          },
        };
  return benchScenario(`bench-${mode}`, requests, policy);
}

export async function mlThroughput(mode: MlMode, requests: number) {
  const s = scenarioFor(mode, requests);
  const t0 = process.hrtime.bigint();
  const { summary } = await runJob(s, { index: 0, policyIndex: 0, replication: 0 });
  const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
  return { requests: summary.requests, perSecond: summary.requests / seconds };
}

/** p50 and p99 in microseconds of one prediction, over `calls` requests of the corpus' programs. */
export async function predictionLatency(calls: number) {
  const corpus = new URL("../../traces/code", import.meta.url).pathname;
  const programs = (await loadCodeCorpus(corpus, () => {})).filter((p) => p.demand !== null);
  const c = mlPredictivePolicy.configSchema.parse({
    model: model(),
    light: { type: "c5.2xlarge" },
    heavy: { type: "m5.2xlarge" },
  });
  const predictor = predictorOf(c);
  const rng = new Seeded(7);
  const requests: RequestView[] = Array.from({ length: 4096 }, (_, id) => {
    const p = programs[id % programs.length]!;
    return {
      id,
      functionId: id % 72,
      arrivalS: id,
      features: p.features,
      inputBytes: Math.round(1e6 * Math.exp(0.8 * rng.normal())),
      codeId: p.path,
      codeVersion: "",
    };
  });
  const learned = emptyDemand();
  for (const r of requests) learnDemand(learned, predictor, c, r, [1, 1, 100]);
  for (let i = 0; i < 2000; i++) predictDemand(learned, predictor, c, requests[i % 4096]!);
  const t = new Float64Array(calls);
  for (let i = 0; i < calls; i++) {
    const a = process.hrtime.bigint();
    predictDemand(learned, predictor, c, requests[i % 4096]!);
    t[i] = Number(process.hrtime.bigint() - a) / 1000;
  }
  t.sort();
  return { p50Us: t[Math.floor(calls * 0.5)]!, p99Us: t[Math.floor(calls * 0.99)]! };
}
