/**
 * The prediction benchmark: our quantile booster against ml-random-forest
 * (the maintained baseline) on requests drawn from the bundled code corpus,
 * plus the forecasters' and bandit's fit cost.
 *
 * Data: every program of traces/code with its analyzed features and its
 * documented demand (traces/code/manifest.json); each request scales the
 * program's input by a log-normal factor s (median 1, sd 0.8 in logs), its
 * CPU-seconds by s to the program's Big-O exponent (capped at 2) times
 * log-normal noise (sd 0.3), its peak memory by sqrt(s) times noise (sd
 * 0.1). Both learners see the same features and input size and learn log
 * targets; errors are against the measured (noisy) values and against the
 * true median the generator used.
 */
import { RandomForestRegression } from "ml-random-forest";
import { loadCodeCorpus, type CodeProgram } from "../traces/code-corpus.js";
import { Arima } from "../sim/predict/arima.js";
import { bigOExponent, featureVector, numericKeys } from "../sim/predict/feature-vector.js";
import { HoltWinters } from "../sim/predict/holt-winters.js";
import { LinUcb } from "../sim/predict/linucb.js";
import { QuantileGbdt } from "../sim/predict/quantile-gbdt.js";
import { ResourcePredictor, type ResourceObservation } from "../sim/predict/resource-predictor.js";
import { Seeded } from "../sim/predict/seeded.js";

interface Sample {
  readonly x: number[];
  readonly cpu: number;
  readonly cpuMedian: number;
  readonly obs: ResourceObservation;
}

function samples(programs: readonly CodeProgram[], n: number, seed: number): Sample[] {
  const rng = new Seeded(seed);
  const usable = programs.filter((p) => p.demand !== null);
  const keys = numericKeys(usable.map((p) => p.features));
  return Array.from({ length: n }, () => {
    const p = usable[Math.floor(rng.next() * usable.length)]!;
    const d = p.demand!;
    const s = Math.exp(0.8 * rng.normal());
    const inputBytes = Math.round(1e6 * s);
    const k = Math.min(2, Math.max(0, bigOExponent(String(p.features.bigO ?? "O(n)"))));
    const cpuMedian = d.cpuSeconds * s ** k;
    const cpu = cpuMedian * Math.exp(0.3 * rng.normal());
    const mem = d.memMiB * Math.sqrt(s) * Math.exp(0.1 * rng.normal());
    return {
      x: featureVector(keys, p.features, inputBytes),
      cpu,
      cpuMedian,
      obs: {
        features: p.features,
        inputBytes,
        durationS: cpu * (1 - d.parallelFraction / 2),
        cpuSeconds: cpu,
        peakMemMiB: mem,
      },
    };
  });
}

const mape = (pred: readonly number[], actual: readonly number[]) =>
  (100 * pred.reduce((s, p, i) => s + Math.abs(p - actual[i]!) / actual[i]!, 0)) / pred.length;

/** p50 and p99 of one call, in microseconds, over `calls` single calls. */
function latency(calls: number, fn: (i: number) => void): { p50Us: number; p99Us: number } {
  for (let i = 0; i < Math.min(calls, 2000); i++) fn(i); // warm-up
  const t = new Float64Array(calls);
  for (let i = 0; i < calls; i++) {
    const a = process.hrtime.bigint();
    fn(i);
    t[i] = Number(process.hrtime.bigint() - a) / 1000;
  }
  t.sort();
  return { p50Us: t[Math.floor(calls * 0.5)]!, p99Us: t[Math.floor(calls * 0.99)]! };
}

const ms = (fn: () => void) => {
  const a = performance.now();
  fn();
  return performance.now() - a;
};

export async function predictBenchmark(quick: boolean) {
  const programs = await loadCodeCorpus("traces/code", () => {});
  const nTrain = quick ? 2000 : 4000;
  const train = samples(programs, nTrain, 1);
  const test = samples(programs, quick ? 1000 : 2000, 2);
  const logCpu = train.map((s) => Math.log(s.cpu));
  const actual = test.map((s) => s.cpu);
  const medians = test.map((s) => s.cpuMedian);

  let gbdt!: QuantileGbdt;
  const gbdtTrainMs = ms(
    () =>
      (gbdt = QuantileGbdt.train(
        train.map((s) => s.x),
        logCpu,
        { quantiles: [0.5, 0.9] },
      )),
  );
  const gbdtPred = test.map((s) => gbdt.predict(s.x));
  const gbdtJson = JSON.stringify(gbdt);
  const gbdtLatency = latency(quick ? 20_000 : 100_000, (i) =>
    gbdt.predict(test[i % test.length]!.x),
  );

  const rf = new RandomForestRegression({
    nEstimators: 50,
    maxFeatures: 0.8,
    replacement: true,
    useSampleBagging: true,
    seed: 1,
  });
  const rfTrainMs = ms(() =>
    rf.train(
      train.map((s) => s.x),
      logCpu,
    ),
  );
  const rfPred = rf.predict(test.map((s) => s.x));
  const rfJson = JSON.stringify(rf.toJSON());
  const rfLatency = latency(quick ? 2000 : 10_000, (i) => rf.predict([test[i % test.length]!.x]));

  const ours = {
    trainMs: gbdtTrainMs,
    jsonBytes: gbdtJson.length,
    trees: gbdt.toJSON().ensembles.reduce((s, e) => s + e.trees.length, 0),
    mapeVsMeasured: mape(
      gbdtPred.map((q) => Math.exp(q[0]!)),
      actual,
    ),
    mapeVsTrueMedian: mape(
      gbdtPred.map((q) => Math.exp(q[0]!)),
      medians,
    ),
    coverageOfQ90: gbdtPred.filter((q, i) => actual[i]! <= Math.exp(q[1]!)).length / test.length,
    predict: gbdtLatency,
  };
  const baseline = {
    trainMs: rfTrainMs,
    jsonBytes: rfJson.length,
    trees: 50,
    mapeVsMeasured: mape(rfPred.map(Math.exp), actual),
    mapeVsTrueMedian: mape(rfPred.map(Math.exp), medians),
    predict: rfLatency,
  };

  let resource!: ResourcePredictor;
  const resourceTrainMs = ms(() => (resource = ResourcePredictor.train(train.map((s) => s.obs))));
  const resourceLatency = latency(quick ? 20_000 : 100_000, (i) => {
    const o = test[i % test.length]!.obs;
    resource.predict(o.features, o.inputBytes);
  });

  // Forecasters and bandit: fit cost on a two-week hourly arrival series.
  const rng = new Seeded(3);
  const hourly = Array.from(
    { length: 24 * 14 },
    (_, h) => 100 + 50 * Math.sin((2 * Math.PI * h) / 24) + 5 * rng.normal() + h * 0.1,
  );
  const hwFitMs = ms(() => HoltWinters.fit(hourly, 24, "additive"));
  const arimaFitMs = ms(() =>
    Arima.fit(hourly, { p: 0, d: 1, q: 1, P: 0, D: 1, Q: 1, s: 24 }, { horizon: 24 }),
  );
  const bandit = LinUcb.create(4, 8);
  const ctx = Array.from({ length: 8 }, () => rng.next());
  const banditLatency = latency(quick ? 20_000 : 100_000, (i) => {
    const a = bandit.choose(ctx);
    bandit.observe(a, ctx, i % 7);
  });

  return {
    unit: {
      trainMs: "milliseconds",
      jsonBytes: "bytes of the saved model",
      mape: "percent, of the median prediction of CPU-seconds",
      predict: "microseconds per single prediction",
    },
    data: {
      programs: programs.filter((p) => p.demand !== null).length,
      train: nTrain,
      test: test.length,
    },
    cpuSecondsRegression: {
      ours,
      mlRandomForest: baseline,
      mapeRatioOursVsBaseline: ours.mapeVsMeasured / baseline.mapeVsMeasured,
      p99RatioOursVsBaseline: ours.predict.p99Us / baseline.predict.p99Us,
    },
    resourcePredictor: {
      trainMs: resourceTrainMs,
      jsonBytes: JSON.stringify(resource).length,
      predictThreeResources: resourceLatency,
    },
    forecasting: { holtWintersFitMs: hwFitMs, arimaFitMs, seriesLength: hourly.length, period: 24 },
    linUcbChooseAndObserve: banditLatency,
  };
}
