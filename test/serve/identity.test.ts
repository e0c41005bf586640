/**
 * The promise of `sim serve`, proven: for every bundled scenario, a run
 * records each call of each of its policies; the recorded observations
 * replayed through a running server over HTTP get exactly the decisions
 * the run made, call by call, and leave the same final state.
 */
import { readdirSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, test } from "vitest";
import { allPolicies } from "../../sim/policies/registry.js";
import { loadAndValidate, runScenario } from "../../sim/run/pipeline.js";
import { recordedPolicy } from "../support/recorded-policy.js";
import { serve } from "../support/serve-client.js";

const SCENARIOS = readdirSync("scenarios")
  .filter((f) => f.endsWith(".yaml"))
  .map((f) => join("scenarios", f));

/**
 * Long enough for every hook of every policy to be called; the first calls
 * of each policy are replayed (a prefix of the calls replays exactly), so
 * that a scenario of a thousand pools stays quick.
 */
const HORIZON_S = 600;
const CALLS = 400;

const covered = new Set<string>();

describe("a run's decisions, replayed through sim serve, come back the same", () => {
  test.each(SCENARIOS)("%s", async (file) => {
    const s = loadAndValidate(file);
    const recorders = s.policies.map((p) => recordedPolicy(p.policy, CALLS));
    await runScenario({
      ...s,
      horizonS: Math.min(s.horizonS, HORIZON_S),
      replications: 1,
      policies: s.policies.map((p, i) => ({ ...p, policy: recorders[i]!.policy })),
    });
    const server = await serve(
      s.policies.map((p) => ({
        name: p.label,
        policy: p.policy,
        config: p.config,
        profiles: s.recordProfiles,
      })),
      { bodyLimitBytes: 64 << 20 },
    );
    try {
      for (const [i, p] of s.policies.entries()) {
        const calls = recorders[i]!.calls;
        expect(calls[0]?.route).toBe("init");
        const differ: string[] = [];
        for (const [k, call] of calls.entries()) {
          const { route, actions, state: _, ...body } = call;
          const got = await server.call(`/policies/${encodeURIComponent(p.label)}/${route}`, body);
          if (got.status !== 200 || JSON.stringify(got.body.actions) !== JSON.stringify(actions))
            differ.push(
              `${p.label} call ${k} (${route}): ${got.status} ${JSON.stringify(got.body)}`,
            );
          if (differ.length >= 3) break;
        }
        expect(differ).toEqual([]);
        const final = await server.call(`/policies/${encodeURIComponent(p.label)}/state`);
        expect(final.body.state).toEqual(calls.at(-1)!.state);
        covered.add(p.policy.name);
      }
    } finally {
      await server.close();
    }
  });

  test("every registered policy was replayed", () => {
    expect(
      allPolicies()
        .map((p) => p.name)
        .filter((n) => !covered.has(n)),
    ).toEqual([]);
  });
});
