import { Scheduler } from "../scheduler.js";
import type { Entity } from "./entity.js";

/** An entity that can receive messages. */
interface Listener {
  onMessage(sender: Entity, message: unknown): void;
}

function isListener(x: unknown): x is Listener {
  return typeof (x as Partial<Listener> | null)?.onMessage === "function";
}

interface Message {
  readonly sim: Sim;
  readonly sender: Entity;
  readonly message: unknown;
  readonly to: Entity | Entity[] | null;
}

function deliverMessage(m: Message): void {
  const { sender, message, to } = m;
  if (to === null || Array.isArray(to)) {
    const list = to ?? m.sim.entities;
    for (let i = list.length - 1; i >= 0; i--) {
      const e = list[i];
      if (e !== sender && isListener(e)) e.onMessage(sender, message);
    }
  } else if (isListener(to)) {
    to.onMessage(sender, message);
  }
}

export type EntityClass<E extends Entity> = new (sim: Sim, name?: string | null) => E;

/**
 * A simulation in the SimJS style: entities act through requests on a
 * shared clock. Built on the core Scheduler, which it exposes.
 */
export class Sim {
  readonly scheduler: Scheduler;
  readonly entities: Entity[] = [];
  private logger: ((line: string) => void) | undefined;

  constructor(scheduler = new Scheduler()) {
    this.scheduler = scheduler;
  }

  /** Current time (SimJS field name). */
  get simTime(): number {
    return this.scheduler.now;
  }

  time(): number {
    return this.scheduler.now;
  }

  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  addEntity<E extends Entity & { start(...args: any[]): unknown }>(
    Klass: EntityClass<E>,
    name?: string | null,
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    ...args: any[]
  ): E {
    if (typeof Klass?.prototype?.start !== "function") {
      throw new Error(`Entity class ${Klass?.name} must have start() function defined`);
    }
    const entity = new Klass(this, name);
    this.entities.push(entity);
    entity.start(...args);
    return entity;
  }

  /**
   * Runs every event up to and including `endTime`; the clock then reads
   * `endTime` and a later call resumes from there. Returns false (without
   * finalizing) when `maxEvents` deliveries were made first.
   */
  simulate(endTime: number, maxEvents?: number): boolean {
    if (typeof endTime !== "number" || Number.isNaN(endTime)) {
      throw new RangeError(`simulate: endTime must be a number, got ${String(endTime)}`);
    }
    const limit = maxEvents ? maxEvents : Infinity;
    const result = this.scheduler.run(Math.max(endTime, this.scheduler.now), limit);
    if (result.reason === "maxEvents") return false;
    this.finalize();
    return true;
  }

  /** Delivers the next event; false when none is left. */
  step(): boolean {
    return this.scheduler.step();
  }

  finalize(): void {
    for (const e of this.entities) {
      const f = (e as { finalize?: () => void }).finalize;
      if (typeof f === "function") f.call(e);
    }
  }

  setLogger(logger: (line: string) => void): void {
    if (typeof logger !== "function") throw new TypeError("setLogger: logger must be a function");
    this.logger = logger;
  }

  log(message: string, entity?: { name?: string; id?: number }): void {
    if (!this.logger) return;
    let who = "";
    if (entity !== undefined) who = entity.name ? ` [${entity.name}]` : ` [${entity.id}] `;
    this.logger(`${this.scheduler.now.toFixed(6)}${who}   ${message}`);
  }

  /** Used by Entity.send. */
  scheduleMessage(
    sender: Entity,
    message: unknown,
    delay: number,
    to: Entity | Entity[] | null,
  ): void {
    const m: Message = { sim: this, sender, message, to };
    this.scheduler.after(delay, deliverMessage, m);
  }
}
