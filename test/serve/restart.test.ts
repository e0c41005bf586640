/**
 * `sim serve` as a process: killed with SIGKILL in the middle of a stream
 * of decisions and started again on the same state directory, it holds the
 * state of the last decision it acknowledged (or of the one in flight, if
 * that was written before the kill), and goes on deciding as a server
 * never stopped would.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, expect, test } from "vitest";
import { DEFAULT_CATALOG } from "../../sim/model/catalog/default-catalog.js";
import { typeViewOf } from "../../sim/model/type-view.js";
import { fleetFromData, type FleetData } from "../../sim/policies/fleet-data.js";
import { findPolicy } from "../../sim/policies/registry.js";
import type { Policy, RequestView } from "../../sim/policies/types.js";
import { request } from "../support/serve-client.js";

const bin = join(import.meta.dirname, "../../bin/sim.js");
const dir = mkdtempSync(join(tmpdir(), "serve-restart-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const TYPES = [...DEFAULT_CATALOG.values()].map(typeViewOf);
const fleet = (nowS: number): FleetData => ({ nowS, pools: [], types: TYPES });
const arrival = (k: number): RequestView => ({
  id: k,
  functionId: k,
  arrivalS: k,
  features: null,
});

/** Starts the server; resolves with its base URL once it listens. */
function start(config: string, stateDir: string): Promise<{ child: ChildProcess; base: string }> {
  const child = spawn(
    process.execPath,
    [bin, "serve", "--config", config, "--port", "0", "--state-dir", stateDir],
    { stdio: ["ignore", "ignore", "pipe"] },
  );
  return new Promise((resolve, reject) => {
    let err = "";
    child.stderr!.on("data", (b: Buffer) => {
      err += b.toString();
      const m = /listening on (http:\/\/[^ ]+)/.exec(err);
      if (m) resolve({ child, base: m[1]! });
    });
    child.on("exit", (code) => reject(new Error(`sim serve exited ${code}: ${err}`)));
  });
}

function killed(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    child.once("exit", () => resolve());
    child.kill("SIGKILL");
  });
}

test("after kill -9 and a restart, nothing acknowledged is lost", async () => {
  const config = join(dir, "serve.yaml");
  writeFileSync(
    config,
    "policies:\n  - name: warm\n    policy: hybrid-histogram\n    config: { type: lambda-1769 }\n",
  );
  const stateDir = join(dir, "state");
  const p = findPolicy("hybrid-histogram")! as Policy<unknown, unknown>;
  const c = p.configSchema.parse({ type: "lambda-1769" });
  const ctx = (nowS: number) => ({ nowS, random: () => 0.5, log: () => {} });
  // The states a server never stopped goes through: after init, then after each arrival.
  const states: unknown[] = [p.init(c, fleetFromData(fleet(0)), ctx(0)).state];
  for (let k = 0; k < 80; k++)
    states.push(
      p.onArrival!(structuredClone(states[k]), c, arrival(k), fleetFromData(fleet(k)), ctx(k))
        .state,
    );
  const json = (x: unknown) => JSON.parse(JSON.stringify(x));

  let { child, base } = await start(config, stateDir);
  expect((await request(base, "/policies/warm/init", { fleet: fleet(0) })).status).toBe(200);
  let acked = 0;
  for (let k = 0; k < 40; k++) {
    const r = await request(base, "/policies/warm/decide/arrival", {
      observation: arrival(k),
      fleet: fleet(k),
    });
    expect(r.status).toBe(200);
    acked = k + 1;
  }
  // One more in flight, and the process killed at once.
  const inFlight = request(base, "/policies/warm/decide/arrival", {
    observation: arrival(40),
    fleet: fleet(40),
  }).catch(() => null);
  await killed(child);
  await inFlight;

  ({ child, base } = await start(config, stateDir));
  try {
    const kept = (await request(base, "/policies/warm/state")).body.state;
    const at = [acked, acked + 1].find(
      (n) => JSON.stringify(kept) === JSON.stringify(json(states[n])),
    );
    expect(at, "the state after a restart is the last acknowledged one").toBeDefined();
    // It goes on as if it had never stopped.
    for (let k = at!; k < 60; k++) {
      const r = await request(base, "/policies/warm/decide/arrival", {
        observation: arrival(k),
        fleet: fleet(k),
      });
      expect(r.body.actions).toEqual(
        json(
          p.onArrival!(structuredClone(states[k]), c, arrival(k), fleetFromData(fleet(k)), ctx(k))
            .actions,
        ),
      );
    }
    await killed(child);
    // Killed with nothing in flight: exactly the last acknowledged state.
    ({ child, base } = await start(config, stateDir));
    expect((await request(base, "/policies/warm/state")).body.state).toEqual(json(states[60]));
  } finally {
    await killed(child);
  }
});

test("a kept state made under another config is refused at start, naming the file", async () => {
  const config = join(dir, "other.yaml");
  const stateDir = join(dir, "other-state");
  writeFileSync(
    config,
    "policies:\n  - name: warm\n    policy: hybrid-histogram\n    config: { type: lambda-1769 }\n",
  );
  const { child, base } = await start(config, stateDir);
  await request(base, "/policies/warm/init", { fleet: fleet(0) });
  await killed(child);
  writeFileSync(
    config,
    "policies:\n  - name: warm\n    policy: hybrid-histogram\n    config: { type: lambda-1769, minSamples: 3 }\n",
  );
  await expect(start(config, stateDir)).rejects.toThrow(
    /warm\.json: kept state of policy "hybrid-histogram" with another config/,
  );
});
