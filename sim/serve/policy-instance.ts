/**
 * One named policy instance of the server: its state, its calls made one at
 * a time in arrival order, and its record written before a call is
 * acknowledged, so a restart resumes from the last acknowledged decision.
 */
import { fleetFromData, type FleetData } from "../policies/fleet-data.js";
import type {
  Action,
  CompletionFeedback,
  Decision,
  FleetView,
  Hook,
  Policy,
  PolicyContext,
} from "../policies/types.js";
import { RunProfiles, snapshotEndS } from "../profiles/run-profiles.js";
import type { ProfileObservation, ProfileSnapshot, ProfileStore } from "../profiles/types.js";
import { RandomStreams } from "../random/streams.js";
import type { StateFiles, StateRecord } from "./state-files.js";

export interface InstanceSpec {
  /** The instance's name: its label in the config (the URL names it). */
  readonly name: string;
  readonly policy: Policy;
  readonly config: unknown;
  /**
   * Keep behavioral profiles: each completion reported is recorded, and
   * every call's `ctx.profiles` reads them, as in a run with
   * `execution.profiles`. `true`: in memory (a restart starts them empty);
   * a database: started from its snapshot, and each observation written to
   * it before the completion is acknowledged.
   */
  readonly profiles?: boolean | ProfileDatabase;
}

/** The profile database a server's instances start from and write to. */
export interface ProfileDatabase {
  readonly store: ProfileStore;
  /** The store as it was when the server started. */
  readonly snapshot: ProfileSnapshot;
}

/** A call the policy could not answer: the client gets a 4xx and the state is as before. */
export class CallError extends Error {
  override name = "CallError";
  constructor(
    readonly status: 404 | 409 | 422,
    message: string,
  ) {
    super(message);
  }
}

export interface CallInput {
  readonly fleet: FleetData;
  /**
   * Uniform draws to hand the policy, in order, instead of the instance's
   * own stream: a recorded run replays its own numbers this way.
   */
  readonly random?: readonly number[];
}

export interface Snapshot {
  readonly policy: string;
  readonly initialized: boolean;
  /** Calls that drew random numbers so far: the next such call's stream is derived from it. */
  readonly streamIndex: number;
  readonly state: unknown;
}

export class PolicyInstance {
  private state: unknown = null;
  private initialized = false;
  private streamIndex = 0;
  /** The JSON of the state as last written: an unchanged state is not written again. */
  private written: string | null = null;
  private queue: Promise<unknown> = Promise.resolve();
  private readonly ignored: ReadonlySet<Hook>;
  private readonly configText: string;
  private readonly streams: RandomStreams;
  private readonly behavior: RunProfiles | null;
  private readonly store: ProfileStore | null;

  constructor(
    readonly spec: InstanceSpec,
    seed: number,
    private readonly files: StateFiles | null,
  ) {
    this.ignored = new Set(spec.policy.ignores?.(spec.config) ?? []);
    this.configText = JSON.stringify(spec.config);
    this.streams = new RandomStreams(seed).child(spec.name);
    const db = typeof spec.profiles === "object" ? spec.profiles : null;
    this.store = db?.store ?? null;
    this.behavior = db
      ? new RunProfiles(db.snapshot, db.store.limits, snapshotEndS(db.snapshot))
      : spec.profiles
        ? new RunProfiles(undefined, {}, 0)
        : null;
    const rec = files?.read(spec.name);
    if (rec) this.adoptRecord(rec);
  }

  get tickS(): number | null {
    return this.spec.policy.tickS?.(this.spec.config) ?? null;
  }

  /** Seconds of execution between the usage samples the policy wants. */
  get usageS(): number | null {
    return this.spec.policy.usageS?.(this.spec.config) ?? null;
  }

  /** Whether the policy defines the hook and its config does not ignore it. */
  answers(hook: Hook, method: keyof Policy): boolean {
    return this.spec.policy[method] !== undefined && !this.ignored.has(hook);
  }

  /** `init`: the policy's first decision; it starts the instance afresh. */
  init(input: CallInput): Promise<readonly Action[]> {
    return this.serialized(input, true, (fleet, ctx) =>
      this.spec.policy.init(this.spec.config, fleet, ctx),
    );
  }

  /**
   * A hook call; a hook the policy does not answer changes nothing and
   * returns no actions. A `completion` is recorded in the instance's
   * profiles first, as the model records it before the policy's call.
   */
  call(
    input: CallInput,
    hook: (state: unknown, fleet: FleetView, ctx: PolicyContext) => Decision<unknown> | undefined,
    completion?: CompletionFeedback,
  ): Promise<readonly Action[]> {
    let observed: ProfileObservation | undefined;
    return this.serialized(
      input,
      false,
      (fleet, ctx) => {
        if (completion && this.behavior)
          observed = this.behavior.completed(completion, input.fleet.nowS);
        return hook(this.state, fleet, ctx);
      },
      () => observed,
    );
  }

  /** The state after every call queued before this one. */
  snapshot(): Promise<Snapshot> {
    return this.enqueue(async () => this.current());
  }

  /** Replaces the state with a snapshot's (after the calls before it), and keeps it. */
  restore(snap: { state: unknown; streamIndex?: number }): Promise<Snapshot> {
    return this.enqueue(async () => {
      this.state = snap.state;
      this.initialized = true;
      this.streamIndex = snap.streamIndex ?? this.streamIndex;
      await this.persist(JSON.stringify(this.state ?? null), true);
      return this.current();
    });
  }

  private current(): Snapshot {
    return {
      policy: this.spec.policy.name,
      initialized: this.initialized,
      streamIndex: this.streamIndex,
      state: this.state,
    };
  }

  /** `observed`: the profile observation the call made, to be stored before it is answered. */
  private serialized(
    input: CallInput,
    isInit: boolean,
    decide: (fleet: FleetView, ctx: PolicyContext) => Decision<unknown> | undefined,
    observed?: () => ProfileObservation | undefined,
  ): Promise<readonly Action[]> {
    return this.enqueue(async () => {
      if (!isInit && !this.initialized)
        throw new CallError(
          409,
          `policy instance "${this.spec.name}" has not been initialized: POST its init first`,
        );
      let drew = false;
      const ownStream = input.random === undefined;
      // Made at the first draw: most calls draw nothing, and seeding a stream was 3% of a call's CPU.
      let own: (() => number) | null = null;
      let next = 0;
      const ctx: PolicyContext = {
        nowS: input.fleet.nowS,
        random: () => {
          drew = true;
          if (ownStream) return (own ??= this.streams.stream(`call-${this.streamIndex}`))();
          if (next >= input.random!.length)
            throw new CallError(
              422,
              `the policy drew more than the ${input.random!.length} random numbers given`,
            );
          return input.random![next++]!;
        },
        log: () => {},
        ...(this.behavior ? { profiles: this.behavior.book } : {}),
      };
      let d: Decision<unknown> | undefined;
      try {
        d = decide(fleetFromData(input.fleet), ctx);
      } catch (e) {
        if (e instanceof CallError) throw e;
        throw new CallError(
          422,
          `the policy could not decide on this observation: ${(e as Error).message}`,
        );
      }
      const o = observed?.();
      if (o && this.store) await this.store.record([o]);
      if (d === undefined) return [];
      const text = JSON.stringify(d.state ?? null);
      // The state is kept as its JSON says, so it is the same whether or not the server restarts.
      this.state = JSON.parse(text) as unknown;
      this.initialized = true;
      if (ownStream && drew) this.streamIndex++;
      await this.persist(text, isInit || (ownStream && drew));
      return JSON.parse(JSON.stringify(d.actions)) as Action[];
    });
  }

  private async persist(text: string, always: boolean): Promise<void> {
    if (!this.files || (!always && text === this.written)) return;
    const rec: StateRecord = {
      policy: this.spec.policy.name,
      config: this.configText,
      streamIndex: this.streamIndex,
      initialized: this.initialized,
      state: this.state,
    };
    await this.files.write(this.spec.name, rec);
    this.written = text;
  }

  private adoptRecord(rec: StateRecord): void {
    const where = this.files!.path(this.spec.name);
    if (rec.policy !== this.spec.policy.name || rec.config !== this.configText)
      throw new Error(
        `${where}: kept state of policy "${rec.policy}" with another config; move the file away to start "${this.spec.name}" afresh`,
      );
    this.state = rec.state;
    this.initialized = rec.initialized;
    this.streamIndex = rec.streamIndex;
    this.written = JSON.stringify(rec.state ?? null);
  }

  /** Runs `job` after every job queued before it, whatever their outcome. */
  private enqueue<T>(job: () => Promise<T>): Promise<T> {
    const run = this.queue.then(job, job);
    this.queue = run.catch(() => undefined);
    return run;
  }
}
