import { spawn } from "node:child_process";
import { expect } from "vitest";
import { openProfileStore } from "../../sim/profiles/stores/open-store.js";

const writer = new URL("./crash-writer.mjs", import.meta.url).pathname;

/**
 * Starts a writer on `spec`, kills it with SIGKILL once `acks` writes are
 * acknowledged (it goes on writing meanwhile), reopens the store and checks
 * that every acknowledged observation is in it.
 */
export async function killMidStreamAndCheck(spec: string, acks: number): Promise<number> {
  const child = spawn(process.execPath, [writer, spec], { stdio: ["ignore", "pipe", "pipe"] });
  let out = "";
  let err = "";
  child.stderr.setEncoding("utf8").on("data", (s: string) => (err += s));
  const acked = await new Promise<number[]>((resolve, reject) => {
    child.stdout.setEncoding("utf8").on("data", (s: string) => {
      out += s;
      const lines = out.split("\n").slice(0, -1);
      if (lines.length > acks) child.kill("SIGKILL");
    });
    child.on("close", (code, signal) => {
      if (signal !== "SIGKILL") reject(new Error(`writer ended with ${code}: ${err}`));
      // Only whole lines are acknowledgements.
      else
        resolve(
          out
            .split("\n")
            .slice(0, -1)
            .filter((l) => l !== "open")
            .map(Number),
        );
    });
  });
  expect(acked.length).toBeGreaterThanOrEqual(acks);
  const store = await openProfileStore(spec);
  try {
    const snap = await store.snapshot();
    const byKey = new Map(snap.keys.map((k) => [`${k.codeId}|${k.codeVersion}|${k.inputHash}`, k]));
    for (const i of acked) {
      const k = byKey.get(`crash-${i % 5}|v${i % 2}|h${i}`);
      expect(k, `acknowledged observation ${i}`).toBeDefined();
      expect(k!.count).toBe(1);
      expect(k!.recent[0]!.obs.cpuSeconds).toBe(i);
    }
    // Each program's profile over every input holds at least its acknowledged observations.
    for (let c = 0; c < 5; c++) {
      const p = await store.profile({ codeId: `crash-${c}` });
      expect(p!.count).toBeGreaterThanOrEqual(acked.filter((i) => i % 5 === c).length);
    }
    expect(snap.seq).toBeGreaterThanOrEqual(acked.length);
  } finally {
    await store.close();
  }
  return acked.length;
}
