/** The small scenario file the CLI and pipeline tests run: a static fleet of two, and optionally a second policy. */

export const HPA_POLICY = `  - name: autoscaled
    policy: reactive
    config: { mode: hpa, type: t3.medium }
`;

export const FAAS_POLICY = `  - name: faas
    policy: reactive
    config: { mode: faas, type: lambda-1769, keepAlive: 1m }
`;

export function smallScenarioYaml(
  o: { name?: string; seed?: number; duration?: string; rate?: string; also?: string } = {},
): string {
  return `name: ${o.name ?? "small"}
${o.seed === undefined ? "" : `seed: ${o.seed}\n`}duration: ${o.duration ?? "10m"}
sla: { latency: 500ms }
workload:
  synth: { rate: ${o.rate ?? "5/s"}, functions: 10, cpu: { exponential: { mean: 100ms } } }
policies:
  - policy: static
    config: { fleet: { t3.medium: 2 } }
${o.also ?? ""}`;
}
