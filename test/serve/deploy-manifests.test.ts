/**
 * deploy/serve/: the Deployment, Service and ScaledObject checked offline
 * against their schemas (subsets of the official ones, sources in each
 * file's $comment), the names that tie them together checked against each
 * other, and the Deployment's own arguments run: `sim serve` started with
 * them (on loopback, free ports), answering a decision over HTTP and then
 * the ScaledObject's trigger over gRPC, as KEDA would send it.
 */
import * as grpc from "@grpc/grpc-js";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Ajv } from "ajv";
import { parseAllDocuments } from "yaml";
import { afterAll, describe, expect, test } from "vitest";
import { DEFAULT_CATALOG } from "../../sim/model/catalog/default-catalog.js";
import { typeViewOf } from "../../sim/model/type-view.js";
import { loadServeConfig } from "../../sim/scenario/serve-config.js";
import { externalScalerDefinition } from "../../sim/serve/keda/external-scaler.js";
import { startSim, until } from "../support/cli.js";

type Any = any; // eslint-disable-line @typescript-eslint/no-explicit-any

const dir = new URL("../../deploy/serve/", import.meta.url);
const docsOf = (file: string): Any[] =>
  parseAllDocuments(readFileSync(new URL(file, dir), "utf8")).map((d) => d.toJS());
const schema = (file: string) =>
  JSON.parse(readFileSync(new URL(`../fixtures/k8s/${file}`, import.meta.url), "utf8"));
const ajv = new Ajv({ allErrors: true, strict: false });
// The spec's integer formats, checked as the API server does.
ajv.addFormat("int32", {
  type: "number",
  validate: (n: number) => Number.isInteger(n) && n >= -(2 ** 31) && n < 2 ** 31,
});
ajv.addFormat("int64", { type: "number", validate: (n: number) => Number.isSafeInteger(n) });

const [namespace, configMap] = docsOf("namespace-and-config.yaml");
const [deployment, service] = docsOf("server.yaml");
const [scaledObject] = docsOf("scaledobject.yaml");
const container = deployment.spec.template.spec.containers[0];
const trigger = scaledObject.spec.triggers[0];

const tmp = mkdtempSync(join(tmpdir(), "provisim-deploy-serve-"));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe("the manifests against their schemas", () => {
  const cases = [
    ["Deployment", deployment, "deployment-apps-v1.schema.json"],
    ["Service", service, "service-v1.schema.json"],
    ["ScaledObject", scaledObject, "scaledobject-keda-v1alpha1.schema.json"],
  ] as const;
  for (const [kind, doc, file] of cases)
    test(`the ${kind} is valid, and a misplaced field is not`, () => {
      const validate = ajv.compile(schema(file));
      expect(doc.kind).toBe(kind);
      expect(validate(doc), JSON.stringify(validate.errors)).toBe(true);
      // The schema is not a check that cannot fail.
      const broken = structuredClone(doc);
      broken.spec.replicaz = 1;
      expect(validate(broken)).toBe(false);
    });

  test("wrong types and values are refused where the spec says", () => {
    const dep = ajv.compile(schema("deployment-apps-v1.schema.json"));
    const d = structuredClone(deployment);
    d.spec.strategy.type = "Rolling";
    expect(dep(d)).toBe(false);
    const so = ajv.compile(schema("scaledobject-keda-v1alpha1.schema.json"));
    const s = structuredClone(scaledObject);
    s.spec.triggers[0].metadata.pollEvery = 5;
    expect(so(s)).toBe(false);
    delete s.spec.triggers[0].metadata.pollEvery;
    s.spec.maxReplicaCount = 2 ** 31;
    expect(so(s)).toBe(false);
    s.spec.maxReplicaCount = 20;
    expect(so(s)).toBe(true);
    delete s.spec.scaleTargetRef;
    expect(so(s)).toBe(false);
  });
});

describe("the names that tie them together", () => {
  test("namespace, selector, ports and the scaler's address agree", () => {
    expect(namespace.kind).toBe("Namespace");
    const ns = namespace.metadata.name;
    for (const doc of [configMap, deployment, service, scaledObject])
      expect(doc.metadata.namespace).toBe(ns);
    expect(service.spec.selector).toEqual(deployment.spec.template.metadata.labels);
    expect(deployment.spec.selector.matchLabels).toEqual(deployment.spec.template.metadata.labels);
    const portsByName = new Map(container.ports.map((p: Any) => [p.name, p.containerPort]));
    for (const p of service.spec.ports) expect(portsByName.has(p.targetPort)).toBe(true);
    const arg = (name: string) =>
      (container.args as string[]).find((a) => a.startsWith(`--${name}=`))?.split("=")[1];
    expect(Number(arg("port"))).toBe(portsByName.get("http"));
    expect(Number(arg("grpc-port"))).toBe(portsByName.get("grpc"));
    const grpcPort = service.spec.ports.find((p: Any) => p.name === "grpc").port;
    expect(trigger.metadata.scalerAddress).toBe(
      `${service.metadata.name}.${ns}.svc.cluster.local:${grpcPort}`,
    );
    // The config the Deployment mounts is the ConfigMap's.
    const mount = container.volumeMounts.find((m: Any) => arg("config")!.startsWith(m.mountPath));
    const volume = deployment.spec.template.spec.volumes.find((v: Any) => v.name === mount.name);
    expect(volume.configMap.name).toBe(configMap.metadata.name);
  });

  test("the ConfigMap's config loads, and the trigger names one of its instances", () => {
    const file = join(tmp, "serve.yaml");
    writeFileSync(file, configMap.data["serve.yaml"]);
    const config = loadServeConfig(file);
    expect(config.policies.map((p) => p.label)).toContain(trigger.metadata.instance);
  });
});

describe("the Deployment's arguments, run", () => {
  test("sim serve answers a decision, then the trigger over gRPC with the size it wants", async () => {
    const token = "a-token-for-the-test-only";
    writeFileSync(join(tmp, "serve.yaml"), configMap.data["serve.yaml"]);
    writeFileSync(join(tmp, "token"), `${token}\n`);
    // The container's arguments with this machine's paths, loopback and free ports.
    const args = (container.args as string[]).map((a) => {
      const [k] = a.split("=");
      if (k === "--config") return `--config=${join(tmp, "serve.yaml")}`;
      if (k === "--host") return "--host=127.0.0.1";
      if (k === "--port" || k === "--grpc-port") return `${k}=0`;
      if (k === "--state-dir") return `--state-dir=${join(tmp, "state")}`;
      if (k === "--token-file") return `--token-file=${join(tmp, "token")}`;
      return a;
    });
    const run = startSim(args);
    try {
      await until(() => /external scaler on/.test(run.stderr()), "the server to listen");
      const http = /listening on (\S+)/.exec(run.stderr())![1]!;
      const grpcPort = Number(/external scaler on [^:]+:(\d+)/.exec(run.stderr())![1]);
      const types = [...DEFAULT_CATALOG.values()].map(typeViewOf);
      const init = await fetch(`${http}/policies/web/init`, {
        method: "POST",
        headers: { "content-type": "application/json", authorization: `Bearer ${token}` },
        body: JSON.stringify({ fleet: { nowS: 0, pools: [], types } }),
      });
      expect(init.status).toBe(200);
      const { actions } = (await init.json()) as { actions: Any[] };
      const wanted = actions
        .filter((a) => a.kind === "provision" && a.pool === trigger.metadata.pool)
        .reduce((n, a) => n + a.count, 0);
      expect(wanted).toBeGreaterThan(0);
      const Client = (externalScalerDefinition()["externalscaler"] as grpc.GrpcObject)[
        "ExternalScaler"
      ] as grpc.ServiceClientConstructor;
      const client: Any = new Client(`127.0.0.1:${grpcPort}`, grpc.credentials.createInsecure());
      try {
        // KEDA puts the scaled container's PROVISIM_SERVE_TOKEN in place of the FromEnv value.
        const scalerMetadata = { ...trigger.metadata, bearerTokenFromEnv: token };
        const ref = {
          name: scaledObject.metadata.name,
          namespace: namespace.metadata.name,
          scalerMetadata,
        };
        const got: Any = await new Promise((resolve, reject) =>
          client.GetMetrics({ scaledObjectRef: ref, metricName: "" }, (e: Error, r: unknown) =>
            e ? reject(e) : resolve(r),
          ),
        );
        expect(got.metricValues[0].metricValue).toBe(wanted);
      } finally {
        client.close();
      }
    } finally {
      run.child.kill("SIGTERM");
      await run.exited;
    }
  });
});
