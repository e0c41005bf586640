/**
 * One file per policy instance in the state directory, replaced whole on
 * every write (a temporary file, then a rename): a reader, or a server
 * started after a crash, finds the old record or the new, never half of one.
 */
import { mkdirSync, readFileSync } from "node:fs";
import { open, rename } from "node:fs/promises";
import { join } from "node:path";

/** What is kept of an instance: enough to go on exactly where it stopped. */
export interface StateRecord {
  readonly policy: string;
  /** The instance's config as JSON: a record made under another config is not this instance's. */
  readonly config: string;
  /** Calls that drew from the instance's own stream (the next one's is derived from it). */
  readonly streamIndex: number;
  /** False until init has been called. */
  readonly initialized: boolean;
  readonly state: unknown;
}

export class StateFiles {
  private tmpCount = 0;

  constructor(
    readonly dir: string,
    /** Flush to the disk before the rename: survives a power cut, not only a killed process. */
    private readonly fsync: boolean,
  ) {
    mkdirSync(dir, { recursive: true });
  }

  path(instance: string): string {
    return join(this.dir, `${encodeURIComponent(instance)}.json`);
  }

  /** The record of `instance`, or undefined if it has none. */
  read(instance: string): StateRecord | undefined {
    let text: string;
    try {
      text = readFileSync(this.path(instance), "utf8");
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === "ENOENT") return undefined;
      throw e;
    }
    return JSON.parse(text) as StateRecord;
  }

  async write(instance: string, record: StateRecord): Promise<void> {
    const target = this.path(instance);
    const tmp = `${target}.${process.pid}.${this.tmpCount++}.tmp`;
    const file = await open(tmp, "w");
    try {
      await file.writeFile(JSON.stringify(record));
      if (this.fsync) await file.sync();
    } finally {
      await file.close();
    }
    await rename(tmp, target);
  }
}
