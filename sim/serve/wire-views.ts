/**
 * The views a policy sees, as zod schemas of their JSON: what `sim serve`
 * accepts. Each is checked against its interface in policies/types.ts both
 * ways at compile time, so a field added to a view cannot be forgotten
 * here (the server would refuse observations the simulator makes).
 */
import { z } from "zod";
import type {
  Action,
  CodeFeatures,
  CompletionFeedback,
  InstanceView,
  NoticeView,
  PoolView,
  RequestView,
  TypeView,
  UsageSample,
} from "../policies/types.js";
import type { FleetData, PoolData } from "../policies/fleet-data.js";

/** Readonly removed all the way down: JSON knows no readonly. */
type Plain<T> = T extends readonly (infer E)[]
  ? Plain<E>[]
  : T extends object
    ? { -readonly [K in keyof T]: Plain<T[K]> }
    : T;

/** True when A and B accept the same values (readonly aside). */
type Same<A, B> = [Plain<A>] extends [Plain<B>]
  ? [Plain<B>] extends [Plain<A>]
    ? true
    : false
  : false;

const finite = () => z.number();
const id = () => z.int();

/** Code features: named numbers or strings; `complexityScore` 0-100 when present. */
export const codeFeaturesSchema = z
  .object({ complexityScore: z.number().optional() })
  .catchall(z.union([z.number(), z.string()]));

export const requestViewSchema = z.strictObject({
  id: id(),
  functionId: id(),
  arrivalS: finite(),
  features: codeFeaturesSchema.nullable(),
  attempt: z.int().optional(),
  outOfMemoryAtMiB: finite().optional(),
  priority: finite().optional(),
  slaClass: z.string().optional(),
  slaLatencyS: finite().optional(),
  inputBytes: finite().optional(),
  inputHash: z.string().optional(),
  codeId: z.string().optional(),
  codeVersion: z.string().optional(),
  requestedProfile: z.string().optional(),
});

export const noticeViewSchema = z.strictObject({
  functionId: id(),
  expectedArrivalS: finite(),
  features: codeFeaturesSchema.nullable(),
  inputBytes: finite().optional(),
});

const resourceFields = {
  vcpu: finite(),
  memMiB: finite(),
  gpus: finite(),
  networkMbps: finite(),
};
const resourcesSchema = z.strictObject(resourceFields);

export const allocationSchema = z.strictObject({
  vcpu: finite(),
  memMiB: finite(),
  gpus: finite().optional(),
  networkMbps: finite().optional(),
});

export const instanceViewSchema = z.strictObject({
  id: id(),
  pool: z.string(),
  typeName: z.string(),
  state: z.enum(["booting", "idle", "busy", "draining", "terminated"]),
  runningRequestIds: z.array(id()),
  slots: z.int(),
  busySlots: z.int(),
  freeSlots: z.int(),
  requestedAtS: finite(),
  readyAtS: finite().nullable(),
  idleSinceS: finite().nullable(),
  free: resourcesSchema,
  allocations: z.array(z.strictObject({ requestId: id(), ...resourceFields })),
});

const routing = z.enum(["round-robin", "least-loaded", "newest-idle-first"]);

const poolFields = {
  id: z.string(),
  functionId: id(),
  routing,
  concurrency: z.int(),
  queueLength: z.int(),
  booting: z.int(),
  ready: z.int(),
  draining: z.int(),
  idle: z.int(),
  busySlots: z.int(),
  freeSlots: z.int(),
  bootingSlots: z.int(),
  busySlotSeconds: finite(),
  readySlotSeconds: finite(),
};

export const poolViewSchema = z.strictObject(poolFields);
export const poolDataSchema = z.strictObject({
  ...poolFields,
  instances: z.array(instanceViewSchema),
});

export const billingRuleSchema = z.discriminatedUnion("kind", [
  z.strictObject({ kind: z.literal("per-second"), minimumS: finite() }),
  z.strictObject({ kind: z.literal("hourly") }),
  z.strictObject({
    kind: z.literal("per-allocation"),
    minimumS: finite(),
    usdPerVcpuHour: finite(),
    usdPerGbHour: finite(),
  }),
  z.strictObject({
    kind: z.literal("per-request"),
    incrementS: finite(),
    usdPerGbSecond: finite(),
    usdPerRequest: finite(),
  }),
]);

export const typeViewSchema = z.strictObject({
  name: z.string(),
  kind: z.enum(["vm", "faas"]),
  vcpu: finite(),
  memMiB: finite(),
  gpus: finite(),
  networkMbps: finite(),
  usdPerHour: finite(),
  billing: billingRuleSchema,
  bootMedianS: finite(),
  bootP95S: finite(),
});

export const profileViewSchema = z.strictObject({
  name: z.string(),
  ...resourceFields,
  price: z.discriminatedUnion("kind", [
    z.strictObject({
      kind: z.literal("container"),
      usdPerVcpuHour: finite(),
      usdPerGbHour: finite(),
      minimumS: finite(),
    }),
    z.strictObject({ kind: z.literal("vm-share"), type: z.string() }),
  ]),
  usdPerHour: finite(),
});

export const fleetDataSchema = z.strictObject({
  nowS: finite(),
  pools: z.array(poolDataSchema),
  types: z.array(typeViewSchema),
  profiles: z.array(profileViewSchema).optional(),
});

export const completionFeedbackSchema = z.strictObject({
  request: requestViewSchema,
  outcome: z.enum(["completed", "failed"]),
  latencyS: finite(),
  serviceS: finite(),
  instanceId: id(),
  instanceType: z.string(),
  cpuSeconds: finite(),
  peakMemMiB: finite(),
  memLimitMiB: finite(),
  ioReadBytes: finite(),
  ioWriteBytes: finite(),
  costUsd: finite(),
});

export const usageSampleSchema = z.strictObject({
  request: requestViewSchema,
  instanceId: id(),
  instanceType: z.string(),
  task: z.strictObject({ index: z.int(), count: z.int() }).optional(),
  elapsedS: finite(),
  cpuSeconds: finite(),
  memMiB: finite(),
  peakMemMiB: finite(),
  memLimitMiB: finite(),
  ioReadBytes: finite(),
  ioWriteBytes: finite(),
});

const poolSettings = {
  functionId: id().optional(),
  routing: routing.optional(),
  concurrency: z.int().optional(),
  line: z.enum(["in-order", "backfill"]).optional(),
};

export const actionSchema = z.discriminatedUnion("kind", [
  z.strictObject({ kind: z.literal("pool"), pool: z.string(), ...poolSettings }),
  z.strictObject({
    kind: z.literal("provision"),
    pool: z.string(),
    type: z.string(),
    count: z.int(),
    prewarmed: z.boolean().optional(),
    forRequestId: id().optional(),
    forNotice: z.boolean().optional(),
    allocation: allocationSchema.optional(),
    profile: z.string().optional(),
  }),
  z.strictObject({
    kind: z.literal("release"),
    instanceId: id(),
    afterIdleS: finite().optional(),
  }),
  z.strictObject({
    kind: z.literal("split"),
    tasks: z.int(),
    allocation: allocationSchema.optional(),
    profile: z.string().optional(),
  }),
  z.strictObject({ kind: z.literal("route"), pool: z.string() }),
  z.strictObject({
    kind: z.literal("place"),
    instanceId: id(),
    allocation: allocationSchema.optional(),
    profile: z.string().optional(),
  }),
  z.strictObject({
    kind: z.literal("resizeAllocation"),
    requestId: id(),
    allocation: allocationSchema.optional(),
    profile: z.string().optional(),
  }),
  z.strictObject({
    kind: z.literal("upgrade"),
    requestId: id(),
    instanceId: id(),
    allocation: allocationSchema.optional(),
    profile: z.string().optional(),
    mode: z.enum(["migrate", "restart"]),
  }),
  z.strictObject({ kind: z.literal("resize"), instanceId: id(), type: z.string() }),
  z.strictObject({ kind: z.literal("migrate"), requestId: id(), pool: z.string() }),
  z.strictObject({ kind: z.literal("timer"), key: z.string(), atS: finite().nullable() }),
  z.strictObject({
    kind: z.literal("usage"),
    requestId: id(),
    everyS: finite().nullable(),
  }),
  z.strictObject({
    kind: z.literal("predict"),
    requestId: id(),
    serviceS: finite().optional(),
    cpuSeconds: finite().optional(),
    peakMemMiB: finite().optional(),
    envelope: z
      .strictObject({
        cpuSeconds: z.tuple([finite(), finite()]).readonly().optional(),
        peakMemMiB: z.tuple([finite(), finite()]).readonly().optional(),
        confidence: finite(),
      })
      .optional(),
  }),
]);

// Compile-time: each schema and its interface accept the same values.
const checks: [
  Same<Omit<z.output<typeof requestViewSchema>, "features">, Omit<RequestView, "features">>,
  Same<Omit<z.output<typeof noticeViewSchema>, "features">, Omit<NoticeView, "features">>,
  z.output<typeof codeFeaturesSchema> extends CodeFeatures ? true : false,
  Same<z.output<typeof instanceViewSchema>, InstanceView>,
  Same<z.output<typeof poolViewSchema>, PoolView>,
  Same<z.output<typeof poolDataSchema>, PoolData>,
  Same<z.output<typeof typeViewSchema>, TypeView>,
  Same<z.output<typeof fleetDataSchema>, FleetData>,
  Same<z.output<typeof actionSchema>, Action>,
  Same<keyof z.output<typeof completionFeedbackSchema>, keyof CompletionFeedback>,
  Same<keyof z.output<typeof usageSampleSchema>, keyof UsageSample>,
] = [true, true, true, true, true, true, true, true, true, true, true];
void checks;
