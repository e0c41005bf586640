import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, expect, test } from "vitest";
import { stringify } from "yaml";
import { summaryJson } from "../../reports/summary-report.js";
import { runScenario } from "../../sim/run/pipeline.js";
import { parseScenarioText } from "../../sim/scenario/load.js";
import { validateScenario } from "../../sim/scenario/validate.js";
import { loadCodeCorpus } from "../../traces/code-corpus.js";
import type { TraceRow } from "../../traces/format.js";
import { importAzure2021 } from "../../traces/import/azure2021.js";
import { batchRows } from "../../traces/row-stream.js";
import { TraceBatch } from "../../traces/trace-batch.js";
import { traceSource } from "../../traces/trace-source.js";
import { TraceWriter } from "../../traces/writer.js";

const dir = mkdtempSync(join(tmpdir(), "provisim-import-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const base = {
  name: "imported",
  duration: "1h",
  sla: { latency: "1s" },
  policies: [{ policy: "static", config: { fleet: { "m5.large": 2 }, concurrency: 2 } }],
};

test("a trace imported as the run reads it gives the same run as its imported file", async () => {
  const lines = ["app,func,end_timestamp,duration"];
  for (let i = 0; i < 20_000; i++)
    lines.push(
      `app${i % 3},f${i % 11},${(1 + i * 0.15).toFixed(3)},${(0.02 + (i % 7) * 0.03).toFixed(3)}`,
    );
  writeFileSync(join(dir, "inv.csv"), lines.join("\n") + "\n");
  const w = new TraceWriter(join(dir, "imported.csv"));
  for await (const b of importAzure2021(join(dir, "inv.csv"))) await w.writeBatch(b);
  await w.close();

  const scenario = (workload: object) =>
    validateScenario(parseScenarioText(join(dir, "s.yaml"), stringify({ ...base, workload })));
  const direct = await runScenario(scenario({ import: { azure2021: { file: "inv.csv" } } }));
  const viaFile = await runScenario(scenario({ trace: { file: "imported.csv" } }));
  expect(direct.report.policies[0]!.requests).toBe(20_000);
  expect(summaryJson(direct.report)).toBe(summaryJson(viaFile.report));
  expect(() => scenario({ import: { azure2021: { file: "missing.csv" } } })).toThrow(
    /workload.import.azure2021.file.*no such file/s,
  );
  expect(() => scenario({ import: {} })).toThrow(/name exactly one of azure2019, azure2021/);
});

test("an Azure 2019 import names one day's files or a list of days, as many of each", () => {
  const scenario = (azure2019: object) =>
    validateScenario(
      parseScenarioText(
        join(dir, "s.yaml"),
        stringify({ ...base, workload: { import: { azure2019 } } }),
      ),
    );
  for (const f of ["inv", "dur", "mem"]) writeFileSync(join(dir, `${f}1.csv`), "");
  const one = scenario({ invocations: "inv1.csv", durations: "dur1.csv", memory: "mem1.csv" });
  const two = scenario({
    invocations: ["inv1.csv", "inv1.csv"],
    durations: ["dur1.csv", "dur1.csv"],
    memory: ["mem1.csv", "mem1.csv"],
  });
  const days = (s: typeof one) =>
    s.workload.kind === "import" && s.workload.source.format === "azure2019"
      ? s.workload.source.days
      : [];
  expect(days(one)).toEqual([
    {
      invocations: join(dir, "inv1.csv"),
      durations: join(dir, "dur1.csv"),
      memory: join(dir, "mem1.csv"),
    },
  ]);
  expect(days(two)).toHaveLength(2);
  expect(() =>
    scenario({ invocations: ["inv1.csv", "inv1.csv"], durations: "dur1.csv", memory: "mem1.csv" }),
  ).toThrow(/must name as many days each/);
  // Memory for fewer days than the rest: the last days have none.
  const fewer = scenario({
    invocations: ["inv1.csv", "inv1.csv"],
    durations: ["dur1.csv", "dur1.csv"],
    memory: "mem1.csv",
  });
  expect(days(fewer).map((d) => d.memory)).toEqual([join(dir, "mem1.csv"), undefined]);
  expect(() =>
    scenario({ invocations: "inv1.csv", durations: "dur1.csv", memory: ["mem1.csv", "mem1.csv"] }),
  ).toThrow(/memory no more/);
  expect(() =>
    scenario({
      invocations: ["inv1.csv", "inv2.csv"],
      durations: ["dur1.csv", "dur1.csv"],
      memory: ["mem1.csv", "mem1.csv"],
    }),
  ).toThrow(/workload.import.azure2019.invocations.1.*no such file/s);
});

test("replayed requests carry the features of the code their code_id names", async () => {
  const programs = await loadCodeCorpus(new URL("../../traces/code/", import.meta.url).pathname);
  const row = (codeId: string, i: number): TraceRow => ({
    arrivalS: i,
    functionId: `f${i}`,
    codeId,
    paramsHash: "",
    inputBytes: NaN,
    durationS: 0.1,
    cpuS: NaN,
    memoryMiB: NaN,
    ioReadMiB: NaN,
    ioWriteMiB: NaN,
    noticeLeadS: NaN,
    noticeFunctionId: "",
    requestedProfile: "",
  });
  async function* batches() {
    yield TraceBatch.of([
      row("linalg/matmul.py", 0),
      row("web/handler.js", 1),
      row("not/in/corpus.go", 2),
    ]);
  }
  const stream = batchRows(batches());
  await stream.refill();
  const source = traceSource(
    stream,
    { parallelFraction: 0, defaultMemMiB: 128, defaultCpuSeconds: 0.1 },
    programs,
  );
  const find = (path: string) => programs.find((p) => p.path === path)!.features;
  expect(source.next()!.features).toBe(find("linalg/matmul.py"));
  expect(source.next()!.features).toBe(find("web/handler.js"));
  // No such file: the function's program by index.
  expect(source.next()!.features).toBe(programs[2 % programs.length]!.features);
});
