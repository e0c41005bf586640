import { execFileSync, spawnSync } from "node:child_process";
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Ajv } from "ajv";
import { parseAllDocuments } from "yaml";
import { afterAll, describe, expect, test } from "vitest";
import { sim } from "../support/cli.js";
import { HPA_POLICY, smallScenarioYaml } from "../support/small-scenario.js";

const tmp = mkdtempSync(join(tmpdir(), "provisim-deploy-"));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const SWEEP = `${smallScenarioYaml({ also: HPA_POLICY, duration: "1m" })}replications: 3
sweep:
  grid:
    workload.synth.rate: [2/s, 4/s]
`;
const scenario = join(tmp, "deploy-me.yaml");
writeFileSync(scenario, SWEEP);

const jobSchema = JSON.parse(
  readFileSync(new URL("../fixtures/k8s/job-batch-v1.schema.json", import.meta.url), "utf8"),
);

/** A `sim` on PATH that records its arguments, one per line, in $SIM_ARGS_FILE. */
function stubBin(): string {
  const bin = join(tmp, "bin");
  mkdirSync(bin, { recursive: true });
  const stub = join(bin, "sim");
  writeFileSync(stub, '#!/bin/sh\nprintf "%s\\n" "$@" > "$SIM_ARGS_FILE"\n');
  chmodSync(stub, 0o755);
  return bin;
}

describe("sim deploy k8s", () => {
  const r = sim(
    "deploy",
    "k8s",
    scenario,
    "--shards",
    "4",
    "--workers",
    "2",
    "--image",
    "registry.example/provisim:1",
  );
  const docs = parseAllDocuments(r.stdout).map((d) => d.toJS());

  test("renders a ConfigMap with the scenario and an Indexed Job valid against the batch/v1 schema", () => {
    expect(r.status, r.stderr).toBe(0);
    const [configMap, job] = docs;
    expect(configMap.kind).toBe("ConfigMap");
    expect(configMap.data["deploy-me.yaml"]).toBe(SWEEP);
    const validate = new Ajv({ allErrors: true, strict: false }).compile(jobSchema);
    expect(validate(job), JSON.stringify(validate.errors)).toBe(true);
    expect(job.spec).toMatchObject({ completionMode: "Indexed", completions: 4, parallelism: 4 });
    expect(job.spec.template.spec.volumes[0].configMap.name).toBe(configMap.metadata.name);
    // The schema is not a check that cannot fail: a misplaced field is refused.
    const broken = structuredClone(job);
    broken.spec.template.spec.containers[0].completions = 4;
    expect(validate(broken)).toBe(false);
    broken.spec.template.spec.containers[0] = { image: "x" };
    expect(validate(broken)).toBe(false);
  });

  test("each pod runs the shard of its completion index", () => {
    const container = docs[1].spec.template.spec.containers[0];
    expect(container.command.slice(0, 2)).toEqual(["sh", "-c"]);
    const argsFile = join(tmp, "k8s-args");
    const run = (env: Record<string, string>) =>
      spawnSync("sh", ["-c", container.command[2]], {
        env: { PATH: `${stubBin()}:${process.env.PATH}`, SIM_ARGS_FILE: argsFile, ...env },
        encoding: "utf8",
      });
    expect(run({ JOB_COMPLETION_INDEX: "3" }).status).toBe(0);
    expect(readFileSync(argsFile, "utf8").split("\n")).toEqual([
      "run",
      "/scenario/deploy-me.yaml",
      "--shard",
      "3/4",
      "--workers",
      "2",
      "--out",
      "/results/sim-small/shard-3",
      "",
    ]);
    const unset = run({});
    expect(unset.status).toBe(2);
    expect(unset.stderr).toMatch(/JOB_COMPLETION_INDEX is not set/);
  });

  test("refuses a scenario without a sweep, and more shards than jobs", () => {
    const plain = join(tmp, "plain.yaml");
    writeFileSync(plain, smallScenarioYaml({ duration: "1m" }));
    expect(sim("deploy", "k8s", plain, "--shards", "2").stderr).toMatch(/no sweep: block/);
    const many = sim("deploy", "slurm", scenario, "--shards", "13");
    expect(many.status).toBe(2);
    expect(many.stderr).toMatch(/the sweep has 12 jobs/);
  });
});

describe("sim deploy slurm", () => {
  const r = sim(
    "deploy",
    "slurm",
    scenario,
    "--shards",
    "4",
    "--workers",
    "2",
    "--results",
    join(tmp, "res"),
  );
  const script = join(tmp, "sweep.sbatch");
  writeFileSync(script, r.stdout);

  test("an array of one task per shard", () => {
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/^#!\/bin\/bash\n/);
    expect(r.stdout).toMatch(/^#SBATCH --array=0-3$/m);
    expect(r.stdout).toMatch(/^#SBATCH --cpus-per-task=2$/m);
    execFileSync("bash", ["-n", script]);
  });

  /** Runs the script as a task of an array would, with a stub `sim`. */
  function task(env: Record<string, string>) {
    const argsFile = join(tmp, "slurm-args");
    rmSync(argsFile, { force: true });
    const out = spawnSync("bash", [script], {
      env: { PATH: `${stubBin()}:${process.env.PATH}`, SIM_ARGS_FILE: argsFile, ...env },
      encoding: "utf8",
    });
    let args: string[] = [];
    try {
      args = readFileSync(argsFile, "utf8").trim().split("\n");
    } catch {
      // The stub did not run.
    }
    return { status: out.status, stderr: out.stderr, args };
  }

  test("the shard is the task id less the array's first id", () => {
    const base = { SLURM_ARRAY_TASK_COUNT: "4", SLURM_CPUS_PER_TASK: "2" };
    for (const id of [0, 1, 2, 3]) {
      const t = task({ ...base, SLURM_ARRAY_TASK_ID: String(id), SLURM_ARRAY_TASK_MIN: "0" });
      expect(t.status, t.stderr).toBe(0);
      expect(t.args).toEqual([
        "run",
        scenario,
        "--shard",
        `${id}/4`,
        "--workers",
        "2",
        "--out",
        join(tmp, "res", `shard-${id}`),
      ]);
    }
    // Submitted with --array=10-13 instead: task 12 is the third shard.
    const shifted = task({ ...base, SLURM_ARRAY_TASK_ID: "12", SLURM_ARRAY_TASK_MIN: "10" });
    expect(shifted.args.slice(2, 4)).toEqual(["--shard", "2/4"]);
  });

  test("refuses to run outside an array, or on one of another size, or beyond its shards", () => {
    expect(task({}).stderr).toMatch(/SLURM_ARRAY_TASK_ID is not set/);
    const size = task({ SLURM_ARRAY_TASK_ID: "1", SLURM_ARRAY_TASK_COUNT: "5" });
    expect(size.status).toBe(2);
    expect(size.stderr).toMatch(/the array has 5 tasks; this sweep is split into 4 shards/);
    const beyond = task({ SLURM_ARRAY_TASK_ID: "4" });
    expect(beyond.status).toBe(2);
    expect(beyond.stderr).toMatch(/array task 4 is shard 4, outside 0\.\.3/);
    expect(beyond.args).toEqual([]);
  });
});
