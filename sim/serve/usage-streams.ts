/**
 * The server-sent event streams of `GET /policies/NAME/usage/stream`: each
 * usage sample and completion an instance receives, and a summary of each of
 * its decisions, pushed to every open stream of that instance as it happens.
 *
 * A consumer that does not keep up is cut off, not buffered for: once the
 * bytes waiting to be sent to it would pass `maxBufferedBytes`, its stream is
 * closed (it may reconnect and carry on from the live events). So memory
 * stays bounded by streams x maxBufferedBytes, however slow a reader is.
 */
import type { Writable } from "node:stream";

export type StreamEventName = "decision" | "usage" | "completion";

interface Sink {
  readonly out: Writable;
  readonly onCut: () => void;
}

export class UsageStreams {
  private readonly sinks = new Map<string, Set<Sink>>();
  private cutCount = 0;

  constructor(readonly maxBufferedBytes: number) {}

  /** Adds a stream of `instance`; `onCut` runs if it is cut off for falling behind. */
  subscribe(instance: string, out: Writable, onCut: () => void = () => {}): () => void {
    let set = this.sinks.get(instance);
    if (!set) this.sinks.set(instance, (set = new Set()));
    const sink = { out, onCut };
    set.add(sink);
    return () => set.delete(sink);
  }

  /** Whether anyone listens to `instance` (so the caller can skip building the event). */
  listened(instance: string): boolean {
    return (this.sinks.get(instance)?.size ?? 0) > 0;
  }

  count(instance: string): number {
    return this.sinks.get(instance)?.size ?? 0;
  }

  /** Streams cut off for falling behind, since the server started. */
  get cut(): number {
    return this.cutCount;
  }

  publish(instance: string, event: StreamEventName, data: unknown): void {
    const set = this.sinks.get(instance);
    if (!set || set.size === 0) return;
    const text = `event: ${event}\ndata: ${JSON.stringify(data)}\n\n`;
    for (const sink of set) {
      if (sink.out.writableLength + text.length > this.maxBufferedBytes) {
        set.delete(sink);
        this.cutCount++;
        sink.onCut();
        continue;
      }
      sink.out.write(text);
    }
  }

  /** A comment line to every stream, so an idle connection is not timed out. */
  heartbeat(): void {
    for (const set of this.sinks.values())
      for (const sink of set)
        if (sink.out.writableLength < this.maxBufferedBytes) sink.out.write(": alive\n\n");
  }

  /** Ends every stream (the server is closing). */
  endAll(): void {
    for (const set of this.sinks.values()) for (const sink of set) sink.out.end();
    this.sinks.clear();
  }
}
