/**
 * ml-predictive: its per-program learning from completions (cold), the
 * cost-aware pool choice from a trained model's predicted memory, the
 * complexity score's scale and levels, the model loaded from the file a
 * scenario names (with errors at its line), and `sim train`'s trainer.
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, test } from "vitest";
import { mlPredictivePolicy } from "../../sim/policies/ml-predictive/index.js";
import {
  emptyDemand,
  learnDemand,
  predictDemand,
  programKeys,
} from "../../sim/policies/ml-predictive/demand.js";
import { complexityScore, levelOf } from "../../sim/policies/ml-predictive/score.js";
import { fleetFromData, fleetToData } from "../../sim/policies/fleet-data.js";
import type {
  Action,
  FleetView,
  PoolView,
  RequestView,
  TypeView,
} from "../../sim/policies/types.js";
import { ResourcePredictor } from "../../sim/predict/resource-predictor.js";
import { loadAndValidate } from "../../sim/run/pipeline.js";
import { trainModel } from "../../sim/run/train-model.js";
import { ScenarioError } from "../../sim/scenario/issues.js";

const parse = (c: unknown) => mlPredictivePolicy.configSchema.parse(c);
const base = { light: { type: "c5.2xlarge" }, heavy: { type: "m5.2xlarge", concurrency: 4 } };

const request = (over: Partial<RequestView>): RequestView => ({
  id: 1,
  functionId: 0,
  arrivalS: 0,
  features: null,
  ...over,
});

describe("learning from completions, with no model", () => {
  const c = parse(base);
  test("a program's CPU-seconds as a power of its input are learned within a few runs", () => {
    const learned = emptyDemand();
    const cpuAt = (bytes: number) => 2 * (bytes / 1e6) ** 1.5;
    for (let i = 0; i < 30; i++) {
      const bytes = 1e6 * 2 ** ((i % 5) - 2);
      const r = request({ codeId: "matmul.py", codeVersion: "1", inputBytes: bytes });
      learnDemand(learned, null, c, r, [cpuAt(bytes), cpuAt(bytes), 100]);
    }
    const r = request({ codeId: "matmul.py", codeVersion: "1", inputBytes: 3e6 });
    const d = predictDemand(learned, null, c, r);
    expect(d.p50[1]! / cpuAt(3e6)).toBeGreaterThan(0.8);
    expect(d.p50[1]! / cpuAt(3e6)).toBeLessThan(1.25);
    expect(d.p50[2]!).toBeCloseTo(100, 0);
    // A new version is a program not seen: it starts from the prior, not from version 1's line.
    const next = predictDemand(learned, null, c, { ...r, codeVersion: "2" });
    expect(next.p50[1]).toBeCloseTo(Math.exp(learned.prior.mean[1]!), 9);
  });

  test("programs beyond maxPrograms: the least recently completed is forgotten", () => {
    const small = parse({ ...base, maxPrograms: 2 });
    const learned = emptyDemand();
    for (const id of ["a", "b", "a", "c"])
      learnDemand(learned, null, small, request({ codeId: id }), [1, 1, 1]);
    expect(programKeys(learned).sort()).toEqual(["a@", "c@"]);
  });

  test("a book that forgets and refills resumes from its JSON with the same predictions", () => {
    const small = parse({ ...base, maxPrograms: 5 });
    const live = emptyDemand();
    let twin = emptyDemand();
    const r = (i: number) =>
      request({ codeId: `p${(i * 7) % 13}`, inputBytes: 1e5 * (1 + (i % 3)) });
    for (let i = 0; i < 200; i++) {
      const measured = [1 + (i % 5), 2 + (i % 3), 50 + i];
      learnDemand(live, null, small, r(i), measured);
      learnDemand(twin, null, small, r(i), measured);
      twin = JSON.parse(JSON.stringify(twin)) as typeof twin;
      expect(JSON.stringify(twin)).toBe(JSON.stringify(live));
      expect(predictDemand(twin, null, small, r(i + 1))).toEqual(
        predictDemand(live, null, small, r(i + 1)),
      );
    }
    expect(programKeys(live).length).toBeLessThanOrEqual(5);
    expect(live.size).toBe(programKeys(live).length);
  });
});

describe("complexity score and levels", () => {
  const c = parse(base);
  test("log scale from scoreRange.low (0) to .high (100), clamped", () => {
    expect(complexityScore(c, 0.05)).toBeCloseTo(0, 9);
    expect(complexityScore(c, 30)).toBeCloseTo(100, 9);
    expect(complexityScore(c, Math.sqrt(0.05 * 30))).toBeCloseTo(50, 9);
    expect(complexityScore(c, 1e-6)).toBe(0);
    expect(complexityScore(c, 1e6)).toBe(100);
  });
  test("the rolling average's level against the thresholds", () => {
    expect([null, 10, 40, 70].map((a) => levelOf(c, a))).toEqual(["low", "low", "medium", "high"]);
  });
});

/** A model whose memory peak is input-size dependent: 1 GiB per MB of input. */
function memoryModel(): ResourcePredictor {
  const obs = Array.from({ length: 400 }, (_, i) => {
    const mb = 0.25 + (i % 40) / 4;
    return {
      features: { loc: 10 },
      inputBytes: mb * 1e6,
      durationS: 1,
      cpuSeconds: 1,
      peakMemMiB: 1024 * mb,
    };
  });
  return ResourcePredictor.train(obs, { rounds: 200 });
}

function fleet(): FleetView {
  const type = (name: string, vcpu: number, memMiB: number, usdPerHour: number): TypeView => ({
    name,
    kind: "vm",
    vcpu,
    memMiB,
    gpus: 0,
    networkMbps: 2500,
    usdPerHour,
    billing: { kind: "per-second", minimumS: 60 },
    bootMedianS: 30,
    bootP95S: 40,
  });
  const pool = (id: string, concurrency: number): PoolView => ({
    id,
    functionId: -1,
    routing: "least-loaded",
    concurrency,
    queueLength: 0,
    booting: 0,
    ready: 1,
    draining: 0,
    idle: 1,
    busySlots: 0,
    freeSlots: concurrency,
    bootingSlots: 0,
    busySlotSeconds: 0,
    readySlotSeconds: 0,
  });
  const types = [type("c5.2xlarge", 8, 16384, 0.34), type("m5.2xlarge", 8, 32768, 0.384)];
  const pools = [pool("light", 8), pool("heavy", 4)];
  const view: FleetView = {
    nowS: 0,
    poolIds: () => pools.map((p) => p.id),
    pool: (id) => pools.find((p) => p.id === id),
    instances: () => [],
    typeNames: () => types.map((t) => t.name),
    type: (n) => types.find((t) => t.name === n),
    profileNames: () => [],
    profile: () => undefined,
  };
  return fleetFromData(fleetToData(view));
}

describe("arrivals with a trained model", () => {
  const c = parse({ ...base, model: memoryModel().toJSON() });
  const ctx = { nowS: 0, random: () => 0.5, log: () => {} };
  const arrive = (r: RequestView) => {
    const f = fleet();
    const { state } = mlPredictivePolicy.init(c, f, ctx);
    return mlPredictivePolicy.onArrival!(state, c, r, f, ctx).actions;
  };
  const routeOf = (actions: readonly Action[]) =>
    actions.find((a) => a.kind === "route") as { pool: string } | undefined;

  test("the cheapest pool whose slot holds the predicted memory: light for 1 MB, heavy for 4 MB", () => {
    const small = arrive(request({ features: { loc: 10 }, inputBytes: 1e6 }));
    const large = arrive(request({ features: { loc: 10 }, inputBytes: 4e6 }));
    expect(routeOf(small)?.pool).toBe("light"); // 1 GiB fits light's 2 GiB slots
    expect(routeOf(large)?.pool).toBe("heavy"); // 4 GiB does not; heavy's slots have 8
    const p = small.find((a) => a.kind === "predict");
    expect(p).toMatchObject({ kind: "predict", requestId: 1 });
    expect((p as { peakMemMiB: number }).peakMemMiB).toBeGreaterThan(700);
    expect((p as { peakMemMiB: number }).peakMemMiB).toBeLessThan(1400);
  });

  test("a retry out of memory goes to the heavyweight pool", () => {
    const retry = request({
      features: { loc: 10 },
      inputBytes: 1e6,
      attempt: 2,
      outOfMemoryAtMiB: 2048,
    });
    expect(routeOf(arrive(retry))?.pool).toBe("heavy");
  });
});

describe("the model file a scenario names", () => {
  const dir = mkdtempSync(join(tmpdir(), "ml-predictive-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const scenarioWith = (model: string) => {
    const file = join(dir, "s.yaml");
    writeFileSync(
      file,
      `name: s
duration: 1m
sla: { latency: 1s }
workload:
  synth: { rate: 1/s, functions: 2, cpu: { constant: 100ms } }
policies:
  - policy: ml-predictive
    config:
      model: ${model}
      light: { type: c5.2xlarge }
      heavy: { type: m5.2xlarge }
`,
    );
    return file;
  };
  const issues = (file: string) => {
    try {
      loadAndValidate(file);
    } catch (e) {
      if (e instanceof ScenarioError) return e.issues;
      throw e;
    }
    return [];
  };

  test("is read relative to the scenario file", () => {
    writeFileSync(join(dir, "m.json"), JSON.stringify(memoryModel().toJSON()));
    const s = loadAndValidate(scenarioWith("m.json"));
    expect((s.policies[0]!.config as { model: { kind: string } }).model.kind).toBe(
      "resource-predictor",
    );
  });

  test("a missing file, or one that is not JSON, is an error at the model's line", () => {
    const missing = issues(scenarioWith("nowhere.json"));
    expect(missing).toHaveLength(1);
    expect(missing[0]).toMatchObject({ path: "policies[0].config.model", line: 9 });
    expect(missing[0]!.message).toContain(join(dir, "nowhere.json"));
    writeFileSync(join(dir, "bad.json"), "{ not json");
    expect(issues(scenarioWith("bad.json"))[0]!.message).toMatch(/bad\.json is not JSON/);
  });
});

describe("sim train's trainer", () => {
  test("trains on a run's completed requests, and its model survives JSON", async () => {
    const s = loadAndValidate("scenarios/code-inputs.yaml");
    const short = { ...s, horizonS: 120 };
    const { model, observations } = await trainModel(short, "static-4", { rounds: 30 });
    expect(observations).toBeGreaterThan(500);
    const json = model.toJSON();
    expect(ResourcePredictor.fromJSON(JSON.parse(JSON.stringify(json))).toJSON()).toEqual(json);
    await expect(trainModel(short, "nope")).rejects.toThrow(/"nope" is not in the scenario/);
  });
});
