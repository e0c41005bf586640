import { readFileSync } from "node:fs";
import type { CommandModule } from "yargs";
import { installedWasm } from "../../../traces/tree-sitter-binaries.js";
import { UsageError } from "../../run/usage-error.js";
import { loadServeConfig } from "../../scenario/serve-config.js";
import { bindRefusal } from "../../serve/bearer.js";
import { DesiredPools } from "../../serve/desired-pools.js";
import { buildExternalScaler, listenScaler } from "../../serve/keda/external-scaler.js";
import { buildServer } from "../../serve/server.js";
import { StateFiles } from "../../serve/state-files.js";
import type { ProfileDatabase } from "../../serve/policy-instance.js";
import { openProfileStore } from "../../profiles/stores/open-store.js";

interface Args {
  config: string;
  host: string;
  port: number;
  "grpc-port"?: number;
  "grpc-host"?: string;
  "state-dir": string;
  "memory-only": boolean;
  "keep-profiles": boolean;
  profiles?: string;
  fsync: boolean;
  "token-file"?: string;
  "body-limit": number;
  "request-timeout": number;
  "idle-timeout": number;
}

const TOKEN_ENV = "PROVISIM_SERVE_TOKEN";

function tokenOf(file: string | undefined): string | null {
  if (file !== undefined) {
    try {
      return readFileSync(file, "utf8").trim();
    } catch (e) {
      throw new UsageError(`--token-file ${file}: ${(e as Error).message}`);
    }
  }
  const env = process.env[TOKEN_ENV];
  return env === undefined || env === "" ? null : env;
}

function stateFiles(dir: string, fsync: boolean): StateFiles {
  try {
    return new StateFiles(dir, fsync);
  } catch (e) {
    throw new UsageError(`--state-dir ${dir}: ${(e as Error).message}`);
  }
}

async function profileDatabase(spec: string): Promise<ProfileDatabase> {
  try {
    const store = await openProfileStore(spec);
    return { store, snapshot: await store.snapshot() };
  } catch (e) {
    throw new UsageError(`--profiles ${spec}: ${(e as Error).message}`);
  }
}

export const serveCommand: CommandModule<object, Args> = {
  command: "serve",
  describe: "answer policy decisions over HTTP/JSON with the policies of a config file",
  builder: (y) =>
    y
      .option("config", {
        type: "string",
        demandOption: true,
        describe: "YAML file with a scenario's policies: block (and catalog:, seed:)",
      })
      .option("host", { type: "string", default: "127.0.0.1", describe: "address to listen on" })
      .option("port", { type: "number", default: 8177, describe: "port (0: any free one)" })
      .option("grpc-port", {
        type: "number",
        describe: "also answer KEDA's external scaler gRPC service on this port (0: any free one)",
      })
      .option("grpc-host", {
        type: "string",
        describe:
          "address of the gRPC service (--host when absent); a token is needed off loopback",
      })
      .option("state-dir", {
        type: "string",
        default: "serve-state",
        describe: "where each instance's state is kept, written before a decision is answered",
      })
      .option("memory-only", {
        type: "boolean",
        default: false,
        describe: "keep the states in memory only: a restart starts afresh",
      })
      .option("keep-profiles", {
        type: "boolean",
        default: false,
        describe:
          "keep behavioral profiles of the completions reported, in memory, for policies that read them (a restart starts them empty; --profiles keeps them in a database)",
      })
      .option("profiles", {
        type: "string",
        describe:
          "keep behavioral profiles in this database (a SQLite file, or a postgres:// URL): instances start from what it holds, and each completion reported is written to it before it is acknowledged",
      })
      .option("fsync", {
        type: "boolean",
        default: false,
        describe: "flush each state write to the disk (survives a power cut, not only a crash)",
      })
      .option("token-file", {
        type: "string",
        describe: `file holding the bearer token every request must carry (or ${TOKEN_ENV}); required off loopback`,
      })
      .option("body-limit", { type: "number", default: 1 << 20, describe: "largest body, bytes" })
      .option("request-timeout", {
        type: "number",
        default: 10_000,
        describe: "ms for a request to arrive whole",
      })
      .option("idle-timeout", {
        type: "number",
        default: 60_000,
        describe: "ms of silence after which a connection is closed",
      }),
  handler: async (a) => {
    const token = tokenOf(a["token-file"]);
    const grpcHost = a["grpc-host"] ?? a.host;
    const refusal =
      bindRefusal(a.host, token) ??
      (a["grpc-port"] === undefined ? null : bindRefusal(grpcHost, token));
    if (refusal) throw new UsageError(refusal);
    for (const k of [
      "port",
      "body-limit",
      "request-timeout",
      "idle-timeout",
      "grpc-port",
    ] as const) {
      const v = a[k];
      if (v !== undefined && (!Number.isInteger(v) || v < 0))
        throw new UsageError(`--${k} must be a whole number`);
    }
    const config = loadServeConfig(a.config);
    const files = a["memory-only"] ? null : stateFiles(a["state-dir"], a.fsync);
    const profiles =
      a.profiles === undefined ? a["keep-profiles"] : await profileDatabase(a.profiles);
    const desired = new DesiredPools();
    let app;
    try {
      app = buildServer({
        instances: config.policies.map((p) => ({
          name: p.label,
          policy: p.policy,
          config: p.config,
          profiles,
        })),
        seed: config.seed,
        files,
        token,
        bodyLimitBytes: a["body-limit"],
        requestTimeoutMs: a["request-timeout"],
        idleTimeoutMs: a["idle-timeout"],
        wasm: installedWasm,
        desired,
      });
    } catch (e) {
      throw new UsageError((e as Error).message);
    }
    const address = await app.listen({ host: a.host, port: a.port });
    process.stderr.write(
      `sim serve: listening on ${address} (${config.policies.map((p) => p.label).join(", ")})\n`,
    );
    const scaler =
      a["grpc-port"] === undefined
        ? null
        : buildExternalScaler({ desired, instances: config.policies.map((p) => p.label), token });
    if (scaler) {
      const bound = await listenScaler(scaler, grpcHost, a["grpc-port"]!);
      process.stderr.write(`sim serve: KEDA external scaler on ${grpcHost}:${bound} (gRPC)\n`);
    }
    const stop = () => {
      scaler?.forceShutdown();
      void app
        .close()
        .then(() => (typeof profiles === "object" ? profiles.store.close() : undefined))
        .then(() => process.exit(0));
    };
    process.once("SIGINT", stop);
    process.once("SIGTERM", stop);
  },
};
