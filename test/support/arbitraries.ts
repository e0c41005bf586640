/**
 * fast-check arbitraries for small random scenarios: policy entries of every
 * kind the registry has, and synthetic workloads. Quantities carry their
 * units, as in a scenario file.
 */
import fc from "fast-check";

export const staticPolicyArb = fc.record({
  policy: fc.constant("static"),
  config: fc.record({
    fleet: fc.record({ "t3.medium": fc.integer({ min: 1, max: 4 }) }),
    concurrency: fc.integer({ min: 1, max: 3 }),
    prewarmed: fc.boolean(),
  }),
});

export const hpaPolicyArb = fc.record({
  policy: fc.constant("reactive"),
  config: fc.record({
    mode: fc.constant("hpa"),
    type: fc.constantFrom("t3.medium", "c5.large"),
    minInstances: fc.integer({ min: 0, max: 2 }),
    maxInstances: fc.integer({ min: 3, max: 6 }),
    syncPeriod: fc.constantFrom("5s", "15s"),
  }),
});

export const faasPolicyArb = fc.record({
  policy: fc.constant("reactive"),
  config: fc.record({
    mode: fc.constant("faas"),
    type: fc.constant("lambda-1769"),
    keepAlive: fc.constantFrom("1s", "30s", "5m"),
    concurrency: fc.integer({ min: 1, max: 2 }),
  }),
});

export const policyArb = fc.oneof(staticPolicyArb, hpaPolicyArb, faasPolicyArb);

/** A rate as a scenario writes it, in steps of 0.001/s ("x/s" parses to x exactly). */
export const rateArb = (min: number, max: number) =>
  fc.integer({ min: min * 1000, max: max * 1000 }).map((k) => `${k / 1000}/s`);

/** The fields of a synthetic workload of a few functions with exponential CPU demand. */
export const synthFields = {
  rate: rateArb(0.5, 20),
  functions: fc.integer({ min: 1, max: 10 }),
  cpu: fc.record({ exponential: fc.record({ mean: fc.constantFrom("50ms", "150ms", "400ms") }) }),
  cpuVariation: fc.constantFrom(0, 0.25, 0.5),
  parallelFraction: fc.constantFrom(0, 0.5, 1),
};

export const synthArb = fc.record(synthFields);
