import { copyFileSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import type { Policy } from "../../sim/policies/types.js";
import { SqliteProfileStore } from "../../sim/profiles/stores/sqlite-store.js";
import { loadAndValidate, runPipeline, runScenario } from "../../sim/run/pipeline.js";
import { loadProfiles } from "../../sim/run/run-profiles-io.js";
import { smallScenarioYaml } from "../support/small-scenario.js";

const dir = mkdtempSync(join(tmpdir(), "profiles-run-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const scenario = join(dir, "small.yaml");
writeFileSync(scenario, smallScenarioYaml({ duration: "2m" }));

async function snapshotBytes(file: string): Promise<string> {
  const s = new SqliteProfileStore(file);
  try {
    return JSON.stringify(await s.snapshot());
  } finally {
    await s.close();
  }
}

describe("sim run --profiles", () => {
  it("starts the second run warm and saves both; same database, same bytes", async () => {
    const db = join(dir, "p.sqlite");
    const first = await runPipeline({ file: scenario, profiles: db });
    expect(first.profilesUsed!.startObservations).toBe(0);
    const saved = first.profilesUsed!.saved;
    expect(saved).toBeGreaterThan(500);
    copyFileSync(db, join(dir, "copy.sqlite"));
    const second = await runPipeline({ file: scenario, profiles: db });
    expect(second.profilesUsed!.startObservations).toBe(saved);
    expect(second.profilesUsed!.startPrograms).toBe(10);
    expect((await loadProfiles(db)).snapshot.seq).toBe(saved + second.profilesUsed!.saved);
    // The same run from a copy of the same database: the same report and database bytes.
    const again = await runPipeline({ file: scenario, profiles: join(dir, "copy.sqlite") });
    expect(JSON.stringify(again.report)).toBe(JSON.stringify(second.report));
    expect(await snapshotBytes(join(dir, "copy.sqlite"))).toBe(await snapshotBytes(db));
    // The second run's clock went on from the first's.
    const p = (await loadProfiles(db)).snapshot.keys.find((k) => k.inputHash === "")!;
    expect(p.lastS).toBeGreaterThan(120);
  });

  it("gives the policy the warm profiles in its context", async () => {
    const db = join(dir, "warm.sqlite");
    await runPipeline({ file: scenario, profiles: db });
    const s = loadAndValidate(scenario);
    const seen: number[] = [];
    const inner = s.policies[0]!.policy;
    const spy: Policy = {
      ...inner,
      onArrival: (state, config, request, fleet, ctx) => {
        seen.push(ctx.profiles?.profile({ codeId: `fn-${request.functionId}` })?.count ?? -1);
        return inner.onArrival
          ? inner.onArrival(state, config, request, fleet, ctx)
          : { state, actions: [] };
      },
    };
    const run = { ...s, policies: [{ ...s.policies[0]!, policy: spy }] };
    await runScenario(run, { startProfiles: await loadProfiles(db) });
    expect(seen.length).toBeGreaterThan(500);
    expect(Math.min(...seen)).toBeGreaterThan(0);
    // Without profiles, a policy's context has none.
    seen.length = 0;
    await runScenario(run);
    expect(new Set(seen)).toEqual(new Set([-1]));
  });
});
