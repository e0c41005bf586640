/**
 * `sim train`: runs one policy of a scenario (its first replication),
 * keeps every completed request's features, input size and measured usage,
 * and trains the resource predictor on them: the history a learned policy
 * starts from (an earlier seed is an earlier month of the same workload).
 */
import type { CompletionFeedback, Policy } from "../policies/types.js";
import { ResourcePredictor, type ResourceObservation } from "../predict/resource-predictor.js";
import type { NormalizedScenario } from "../scenario/validate.js";
import { runScenario } from "./pipeline.js";
import { UsageError } from "./usage-error.js";

export interface TrainOptions {
  /** Boosting rounds per quantile (fewer: a smaller, faster, rougher model). */
  readonly rounds?: number;
  readonly maxDepth?: number;
}

export interface Trained {
  readonly model: ResourcePredictor;
  readonly observations: number;
}

const observationOf = (f: CompletionFeedback): ResourceObservation => ({
  features: f.request.features,
  inputBytes: f.request.inputBytes ?? 0,
  durationS: f.serviceS,
  cpuSeconds: f.cpuSeconds,
  peakMemMiB: f.peakMemMiB,
});

/** The policy, with each completion it is told of kept in `into` (outside its state). */
function recording(policy: Policy, into: ResourceObservation[]): Policy {
  const p = policy as Policy<unknown, unknown>;
  return {
    ...p,
    ignores: (c) => (p.ignores?.(c) ?? []).filter((h) => h !== "completion"),
    onCompletion(state, c, f, fleet, ctx) {
      if (f.outcome === "completed") into.push(observationOf(f));
      return p.onCompletion ? p.onCompletion(state, c, f, fleet, ctx) : { state, actions: [] };
    },
  } as Policy;
}

export async function trainModel(
  s: NormalizedScenario,
  policyLabel: string,
  options: TrainOptions = {},
): Promise<Trained> {
  const run = s.policies.find((p) => p.label === policyLabel || p.policy.name === policyLabel);
  if (!run)
    throw new UsageError(
      `--policy: "${policyLabel}" is not in the scenario; it has ${s.policies.map((p) => p.label).join(", ")}`,
    );
  const observations: ResourceObservation[] = [];
  const one: NormalizedScenario = {
    ...s,
    replications: 1,
    policies: [{ ...run, policy: recording(run.policy, observations) }],
  };
  await runScenario(one);
  if (observations.length === 0)
    throw new UsageError(`policy "${run.label}" completed no request: nothing to train on`);
  const model = ResourcePredictor.train(observations, {
    seed: s.seed,
    ...(options.rounds === undefined ? {} : { rounds: options.rounds }),
    ...(options.maxDepth === undefined ? {} : { maxDepth: options.maxDepth }),
  });
  return { model, observations: observations.length };
}
