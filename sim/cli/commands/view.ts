import type { CommandModule } from "yargs";
import { UsageError } from "../../run/usage-error.js";
import { viewerBundleDir } from "../../view/bundle-dir.js";
import { startViewServer } from "../../view/server.js";
import { viewedRuns } from "../../view/viewed-runs.js";

interface Args {
  dirs: string[];
  port: number;
}

function parsePort(v: unknown): number {
  const n = Number(v);
  if (typeof v === "boolean" || !Number.isInteger(n) || n < 0 || n > 65535)
    throw new UsageError(`--port: expected a whole number from 0 to 65535, got ${String(v)}`);
  return n;
}

/** Resolves on the first SIGINT or SIGTERM: the server then stops and the command ends, exit 0. */
function stopSignal(): Promise<string> {
  return new Promise((resolve) => {
    for (const s of ["SIGINT", "SIGTERM"] as const) process.once(s, () => resolve(s));
  });
}

export const viewCommand: CommandModule<object, Args> = {
  command: "view <dirs..>",
  describe: "open run directories in the web viewer, served on 127.0.0.1 (Ctrl-C stops it)",
  builder: (y) =>
    y
      .positional("dirs", {
        type: "string",
        array: true,
        demandOption: true,
        describe: "`sim run --out` directories to open and compare",
      })
      .option("port", {
        type: "string",
        default: 0,
        coerce: parsePort,
        describe: "port on 127.0.0.1 (0: any free port)",
      })
      .epilog(
        "The server is read-only and listens on 127.0.0.1 only; it serves the viewer and " +
          "each directory's run.json, summary.json, summary.csv, timeseries.csv and requests.csv, " +
          "nothing else. The page needs no network.",
      ),
  handler: async (args) => {
    const runs = viewedRuns(args.dirs);
    const stopped = stopSignal();
    const server = await startViewServer({
      runs,
      bundleDir: viewerBundleDir(),
      port: args.port,
    }).catch((e: unknown) => {
      const code = (e as NodeJS.ErrnoException).code;
      throw new UsageError(
        `--port ${args.port}: cannot listen on 127.0.0.1 (${code ?? (e as Error).message})`,
      );
    });
    process.stdout.write(
      `viewing ${runs.map((r) => r.label).join(", ")} at ${server.url} (Ctrl-C stops)\n`,
    );
    const signal = await stopped;
    await server.close();
    process.stderr.write(`sim view: stopped (${signal})\n`);
  },
};
