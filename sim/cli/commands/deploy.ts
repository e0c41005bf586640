import { basename, resolve } from "node:path";
import type { CommandModule } from "yargs";
import { loadSweep } from "../../run/sweep-pipeline.js";
import { UsageError } from "../../run/usage-error.js";
import { parseCount } from "../arguments.js";
import { k8sJobYaml } from "../deploy/k8s-job.js";
import { slurmScript } from "../deploy/slurm-array.js";

interface Args {
  target: "k8s" | "slurm";
  scenario: string;
  shards: number;
  workers: number;
  name?: string;
  image: string;
  claim: string;
  parallelism?: number;
  results: string;
  time: string;
}

const whole = (flag: string) => (v: unknown) => {
  const n = parseCount(flag, v);
  if (!Number.isSafeInteger(n)) throw new UsageError(`${flag} ${String(v)}: a whole number`);
  return n;
};

/** A DNS-1123 label from the scenario's name, short enough for the pods' names beside it. */
function jobName(scenario: string): string {
  const slug = scenario
    .toLowerCase()
    .replace(/[^a-z0-9-]+/g, "-")
    .replace(/^-+|-+$/g, "");
  return `sim-${slug}`.slice(0, 48).replace(/-+$/, "");
}

export const deployCommand: CommandModule<object, Args> = {
  command: "deploy <target> <scenario>",
  describe:
    "print a Kubernetes Indexed Job (k8s) or a SLURM array script (slurm) that runs a sweep's shards",
  builder: (y) =>
    y
      .positional("target", { choices: ["k8s", "slurm"] as const, demandOption: true })
      .positional("scenario", {
        type: "string",
        demandOption: true,
        describe: "scenario YAML file with a sweep: block",
      })
      .option("shards", {
        type: "string",
        demandOption: true,
        coerce: whole("--shards"),
        describe: "how many shards (pods or array tasks)",
      })
      .option("workers", {
        type: "string",
        default: "1",
        coerce: whole("--workers"),
        describe: "worker threads (CPUs) per shard",
      })
      .option("name", { type: "string", describe: "job name (default: sim-<scenario name>)" })
      .option("image", {
        type: "string",
        default: "provisim:latest",
        describe: "k8s: a container image with `sim` on its PATH (deploy/Dockerfile)",
      })
      .option("claim", {
        type: "string",
        default: "provisim-results",
        describe: "k8s: the PersistentVolumeClaim the shards are written to",
      })
      .option("parallelism", {
        type: "string",
        coerce: whole("--parallelism"),
        describe: "k8s: pods at once (default: every shard)",
      })
      .option("results", {
        type: "string",
        default: "results",
        describe: "slurm: directory on the shared file system for the shards",
      })
      .option("time", {
        type: "string",
        default: "01:00:00",
        describe: "slurm: time limit of one shard (sbatch --time)",
      }),
  handler: (args) => {
    const sweep = loadSweep(args.scenario);
    if (sweep.points.length === 0)
      throw new UsageError(`${args.scenario} has no sweep: block; shards split a sweep's jobs`);
    const jobs = sweep.points.reduce(
      (a, p) => a + p.scenario.replications * p.scenario.policies.length,
      0,
    );
    if (args.shards > jobs)
      throw new UsageError(
        `--shards ${args.shards}: the sweep has ${jobs} jobs; give at most that many shards`,
      );
    const name = args.name ?? jobName(sweep.base.name);
    if (!/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/.test(name) || name.length > 48)
      throw new UsageError(`--name "${name}": lower case letters, digits and dashes, at most 48`);
    if (args.target === "k8s") {
      process.stdout.write(
        k8sJobYaml({
          name,
          scenarioName: basename(args.scenario),
          scenarioText: sweep.loaded.text,
          shards: args.shards,
          parallelism: args.parallelism ?? args.shards,
          workers: args.workers,
          image: args.image,
          claim: args.claim,
        }),
      );
      return;
    }
    process.stdout.write(
      slurmScript({
        name,
        scenario: resolve(args.scenario),
        results: resolve(args.results),
        shards: args.shards,
        workers: args.workers,
        time: args.time,
      }),
    );
  },
};
