/**
 * SIGINT and SIGTERM for real: each command is started on work long enough
 * to be caught midway, signalled once its partial output exists, and must
 * then exit 130 or 143 with one line and leave nothing behind. A run killed
 * outright (SIGKILL) leaves its partial output, which the next run removes.
 */
import {
  existsSync,
  mkdtempSync,
  openSync,
  readdirSync,
  rmSync,
  writeFileSync,
  writeSync,
  closeSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, test } from "vitest";
import { startSim, until } from "../support/cli.js";

const tmp = mkdtempSync(join(tmpdir(), "provisim-signals-"));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

/** A workload of millions of requests: tens of seconds to simulate or to write. */
const LONG = `name: long
duration: 1h
sla: { latency: 1s }
workload:
  synth: { rate: 3000/s, functions: 10, cpu: { constant: 10ms } }
policies:
  - policy: static
    config: { fleet: { t3.medium: 40 } }
`;

function dirOf(name: string): string {
  const dir = join(tmp, name);
  rmSync(dir, { recursive: true, force: true });
  return mkdtempSync(`${dir}-`);
}

const ESC = "\x1b";
const partials = (dir: string) => readdirSync(dir).filter((f) => f.includes(".partial-"));

describe.each([
  ["SIGINT", 130],
  ["SIGTERM", 143],
] as const)("%s", (signal, code) => {
  test(`sim run: staging removed, no --out, exit ${code}`, async () => {
    const dir = dirOf(`run-${signal}`);
    writeFileSync(join(dir, "long.yaml"), LONG);
    const sim = startSim(["run", "long.yaml", "--out", "results", "--requests"], { cwd: dir });
    await until(() => partials(dir).length > 0, "the staging directory");
    sim.child.kill(signal);
    const end = await sim.exited;
    expect(end.code, sim.stderr()).toBe(code);
    expect(sim.stderr()).toMatch(
      new RegExp(`\\nsim: interrupted by ${signal}; partial output removed\\n$`),
    );
    expect(readdirSync(dir)).toEqual(["long.yaml"]);
  });

  test(`sim trace synth: partial file removed, exit ${code}`, async () => {
    const dir = dirOf(`synth-${signal}`);
    writeFileSync(join(dir, "long.yaml"), LONG.replace("1h", "10h"));
    const sim = startSim(["trace", "synth", "long.yaml", "--out", "trace.csv"], { cwd: dir });
    await until(() => partials(dir).length > 0, "the partial file");
    // A reader never takes it for a trace.
    expect(partials(dir)[0]).toMatch(/^\.trace\.csv\.partial-\d+$/);
    sim.child.kill(signal);
    const end = await sim.exited;
    expect(end.code, sim.stderr()).toBe(code);
    expect(sim.stderr()).toBe(`sim: interrupted by ${signal}; partial output removed\n`);
    expect(readdirSync(dir)).toEqual(["long.yaml"]);
  });

  test(`sim trace import: partial file removed, exit ${code}`, async () => {
    const dir = dirOf(`import-${signal}`);
    // A million invocations in the Azure 2021 schema: seconds to import.
    const fd = openSync(join(dir, "inv.csv"), "w");
    writeSync(fd, "app,func,end_timestamp,duration\n");
    for (let i = 0; i < 1_000_000; i += 10_000) {
      let chunk = "";
      for (let k = i; k < i + 10_000; k++)
        chunk += `a${k % 7},f${k % 50},${(1 + k * 0.001).toFixed(3)},0.05\n`;
      writeSync(fd, chunk);
    }
    closeSync(fd);
    const sim = startSim(["trace", "import", "azure2021", "inv.csv", "--out", "t.csv.gz"], {
      cwd: dir,
    });
    await until(() => partials(dir).length > 0, "the partial file");
    expect(partials(dir)[0]).toMatch(/^\.t\.csv\.gz\.partial-\d+$/);
    sim.child.kill(signal);
    const end = await sim.exited;
    expect(end.code, sim.stderr()).toBe(code);
    expect(sim.stderr()).toBe(`sim: interrupted by ${signal}; partial output removed\n`);
    expect(readdirSync(dir)).toEqual(["inv.csv"]);
  });
});

test("what a killed run leaves is removed by the next run", async () => {
  const dir = dirOf("killed");
  writeFileSync(join(dir, "long.yaml"), LONG);
  writeFileSync(join(dir, "short.yaml"), LONG.replace("duration: 1h", "duration: 10s"));
  const run = startSim(["run", "long.yaml", "--out", "results"], { cwd: dir });
  await until(() => partials(dir).length > 0, "the staging directory");
  run.child.kill("SIGKILL");
  await run.exited;
  const left = partials(dir);
  expect(left).toHaveLength(1);
  const synth = startSim(["trace", "synth", "long.yaml", "--out", "t.csv"], { cwd: dir });
  await until(() => partials(dir).length > 1, "the partial trace");
  synth.child.kill("SIGKILL");
  await synth.exited;
  expect(partials(dir)).toHaveLength(2);

  const again = startSim(["run", "short.yaml", "--out", "results"], { cwd: dir });
  expect((await again.exited).code, again.stderr()).toBe(0);
  const synthAgain = startSim(["trace", "synth", "short.yaml", "--out", "t.csv"], { cwd: dir });
  expect((await synthAgain.exited).code, synthAgain.stderr()).toBe(0);
  expect(partials(dir)).toEqual([]);
  expect(readdirSync(dir).sort()).toEqual(["long.yaml", "results", "short.yaml", "t.csv"]);
  expect(existsSync(join(dir, "results", "run.json"))).toBe(true);
});

test("the progress bar shows within a second of the run's start, whatever its size", async () => {
  const dir = dirOf("progress");
  // Billions of requests: the first 1% of the horizon alone takes minutes.
  writeFileSync(join(dir, "huge.yaml"), LONG.replace("3000/s", "1000000/s"));
  const sim = startSim(["run", "huge.yaml", "--max-requests", "1e12"], {
    cwd: dir,
    env: { SIM_PROGRESS: "1" },
  });
  await until(() => /expected requests: about 3,600,000,000/.test(sim.stderr()), "the plan");
  const planned = Date.now();
  const bar = new RegExp(`\r${ESC}\\[K\\[[#-]{30}\\] \\d+% {2}job 1/1: static`);
  await until(() => bar.test(sim.stderr()), "the bar");
  const shown = Date.now() - planned;
  sim.child.kill("SIGINT");
  const signalled = Date.now();
  expect((await sim.exited).code).toBe(130);
  // However busy the run: it looks at its signals every 50 ms or so.
  expect(Date.now() - signalled).toBeLessThan(2000);
  expect(shown).toBeLessThan(1000);
  // The message takes the bar's line.
  expect(
    sim.stderr().endsWith(`static\r${ESC}[Ksim: interrupted by SIGINT; partial output removed\n`),
  ).toBe(true);
});
