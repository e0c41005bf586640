/**
 * A sweep as a Kubernetes Indexed Job: one pod per shard, the pod's
 * completion index (JOB_COMPLETION_INDEX, set by the Job controller) its
 * shard, completions the shard count. The scenario travels in a ConfigMap
 * rendered beside the Job; each pod writes its shard to a volume all pods
 * share, for `sim merge` to combine.
 */
import { stringify } from "yaml";

export interface K8sJobOptions {
  /** A name for the Job and ConfigMap: lower case letters, digits and dashes. */
  readonly name: string;
  /** The scenario's file name inside the pod (its base name) and its text. */
  readonly scenarioName: string;
  readonly scenarioText: string;
  readonly shards: number;
  /** Pods at once; the shard count by default. */
  readonly parallelism: number;
  /** Worker threads per pod, and the CPUs each pod asks for. */
  readonly workers: number;
  readonly image: string;
  /** A PersistentVolumeClaim every pod can write, mounted at /results. */
  readonly claim: string;
}

/** The shell line each pod runs: the shard arithmetic is the controller's index, as is. */
export function podCommand(o: K8sJobOptions): string {
  return [
    'test -n "$JOB_COMPLETION_INDEX" || { echo "JOB_COMPLETION_INDEX is not set: run this as an Indexed Job" >&2; exit 2; };',
    `exec sim run "/scenario/${o.scenarioName}" --shard "$JOB_COMPLETION_INDEX/${o.shards}"`,
    `--workers ${o.workers} --out "/results/${o.name}/shard-$JOB_COMPLETION_INDEX"`,
  ].join(" ");
}

export function k8sObjects(o: K8sJobOptions): [Record<string, unknown>, Record<string, unknown>] {
  const labels = { "app.kubernetes.io/name": "provisim", "app.kubernetes.io/instance": o.name };
  const configMap = {
    apiVersion: "v1",
    kind: "ConfigMap",
    metadata: { name: `${o.name}-scenario`, labels },
    data: { [o.scenarioName]: o.scenarioText },
  };
  const job = {
    apiVersion: "batch/v1",
    kind: "Job",
    metadata: { name: o.name, labels },
    spec: {
      completionMode: "Indexed",
      completions: o.shards,
      parallelism: Math.min(o.parallelism, o.shards),
      // A failed shard is retried on its own, twice, before the Job fails.
      backoffLimitPerIndex: 2,
      template: {
        metadata: { labels },
        spec: {
          restartPolicy: "Never",
          containers: [
            {
              name: "sim",
              image: o.image,
              command: ["sh", "-c", podCommand(o)],
              resources: {
                requests: { cpu: String(o.workers), memory: "1Gi" },
                limits: { cpu: String(o.workers) },
              },
              volumeMounts: [
                { name: "scenario", mountPath: "/scenario", readOnly: true },
                { name: "results", mountPath: "/results" },
              ],
            },
          ],
          volumes: [
            { name: "scenario", configMap: { name: `${o.name}-scenario` } },
            { name: "results", persistentVolumeClaim: { claimName: o.claim } },
          ],
        },
      },
    },
  };
  return [configMap, job];
}

/** Plain YAML: no anchors for the labels the objects share, no folded lines. */
const STYLE = { lineWidth: 0, aliasDuplicateObjects: false } as const;

/** The ConfigMap and the Job as one YAML stream, for `kubectl apply -f`. */
export function k8sJobYaml(o: K8sJobOptions): string {
  const [configMap, job] = k8sObjects(o);
  const head = `# ${o.shards} shards of ${o.scenarioName}; then: sim merge /results/${o.name}/shard-* --out DIR\n`;
  return head + stringify(configMap, STYLE) + "---\n" + stringify(job, STYLE);
}
