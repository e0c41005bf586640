import fc from "fast-check";
import { readFileSync } from "node:fs";
import { expect, test } from "vitest";
import { parse, stringify } from "yaml";
import { ScenarioError } from "../../sim/scenario/issues.js";
import { parseScenarioText } from "../../sim/scenario/load.js";
import { validateScenario } from "../../sim/scenario/validate.js";

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };

/** Every path to a value inside `doc`. */
function pathsOf(doc: Json, at: (string | number)[] = []): (string | number)[][] {
  const out = [at];
  if (Array.isArray(doc)) doc.forEach((v, i) => out.push(...pathsOf(v, [...at, i])));
  else if (doc && typeof doc === "object")
    for (const [k, v] of Object.entries(doc)) out.push(...pathsOf(v, [...at, k]));
  return out;
}

function withValue(doc: Json, path: readonly (string | number)[], value: Json): Json {
  if (path.length === 0) return value;
  const [head, ...rest] = path;
  const copy = (Array.isArray(doc) ? [...doc] : { ...(doc as object) }) as Record<string, Json>;
  copy[head as string] = withValue(copy[head as string] ?? null, rest, value);
  return copy as Json;
}

// Every bundled example, each value in turn replaced by anything JSON can hold.
const examples = ["quickstart", "faas-keepalive", "gpu-fleet"].map(
  (n) => parse(readFileSync(`scenarios/${n}.yaml`, "utf8")) as Json,
);

test("fuzz: any value at any path of a real scenario is accepted or a ScenarioError, never a crash", () => {
  let refused = 0;
  fc.assert(
    fc.property(
      fc.nat(examples.length - 1),
      fc.nat(),
      fc.jsonValue({ maxDepth: 3 }),
      (which, pick, value) => {
        const doc = examples[which]!;
        const paths = pathsOf(doc);
        const mutated = withValue(doc, paths[pick % paths.length]!, value as Json);
        try {
          validateScenario(parseScenarioText("fuzz.yaml", stringify(mutated)));
        } catch (e) {
          if (!(e instanceof ScenarioError)) throw e;
          refused++;
          for (const i of e.issues) {
            expect(i.message.length).toBeGreaterThan(0);
            expect(i.message).not.toMatch(/Too (small|big)|Invalid input/);
          }
        }
      },
    ),
    { numRuns: Number(process.env.FUZZ_RUNS ?? 600), seed: Number(process.env.FUZZ_SEED ?? 7) },
  );
  // Most replacements are wrong somewhere: the property must have met them.
  expect(refused).toBeGreaterThan(100);
});
