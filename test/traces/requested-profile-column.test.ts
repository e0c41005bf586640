/** A trace's requested_profile column: read, written, and replayed as the client's ask. */
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, expect, test } from "vitest";
import { stringify } from "yaml";
import { runScenario } from "../../sim/run/pipeline.js";
import { synthTrace } from "../../sim/run/synth-trace.js";
import { parseScenarioText } from "../../sim/scenario/load.js";
import { validateScenario } from "../../sim/scenario/validate.js";
import { columnIndex, parseTraceRow, type TraceRow } from "../../traces/format.js";
import { TraceWriter } from "../../traces/writer.js";

const dir = mkdtempSync(join(tmpdir(), "provisim-asked-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

test("a row's requested_profile is read as written, trimmed, and empty when absent", () => {
  const idx = columnIndex(["arrival_s", "function_id", "requested_profile"]);
  const row = (rec: string[]) => parseTraceRow(rec, idx, 0) as TraceRow;
  expect(row(["1", "f", "Large"]).requestedProfile).toBe("Large");
  expect(row(["1", "f", " Small "]).requestedProfile).toBe("Small");
  expect(row(["1", "f", ""]).requestedProfile).toBe("");
  expect(row(["1", "f"]).requestedProfile).toBe("");
  const without = columnIndex(["arrival_s", "function_id"]);
  expect((parseTraceRow(["1", "f"], without, 0) as TraceRow).requestedProfile).toBe("");
});

test("the synthesizer's asks, written as a trace and replayed, reach the policy as asks", async () => {
  const scenario = (workload: object) =>
    validateScenario(
      parseScenarioText(
        join(dir, "s.yaml"),
        stringify({
          name: "asked",
          duration: "5m",
          sla: { latency: "10s" },
          workload,
          policies: [
            {
              policy: "complexity-table",
              config: { type: "m5.2xlarge", minInstances: 2, maxInstances: 4 },
            },
          ],
        }),
      ),
    );
  const synth = scenario({
    synth: {
      rate: "2/s",
      functions: 10,
      cpu: { constant: "200ms" },
      requestedProfiles: [{ profile: "Large", share: 0.3 }],
    },
  });
  const file = join(dir, "asked.csv");
  const w = new TraceWriter(file);
  for (const b of (await synthTrace(synth, join(dir, "s.yaml"))).batches) await w.writeBatch(b);
  await w.close();
  const lines = readFileSync(file, "utf8").trim().split("\n");
  expect(lines[0]!.split(",").at(-1)).toBe("requested_profile");
  const askedRows = lines.slice(1).filter((l) => l.endsWith(",Large")).length;
  expect(askedRows / (lines.length - 1)).toBeGreaterThan(0.2);
  expect(askedRows / (lines.length - 1)).toBeLessThan(0.4);

  const direct = (await runScenario(synth)).report.policies[0]!;
  const replayed = (await runScenario(scenario({ trace: { file: "asked.csv" } }))).report
    .policies[0]!;
  expect(direct.allocations?.profileRequests).toBe(askedRows);
  expect(replayed.allocations?.profileRequests).toBe(askedRows);
  expect(replayed.allocations?.profileGrants).toBeGreaterThan(0);
});
