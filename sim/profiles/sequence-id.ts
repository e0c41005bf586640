/**
 * Sequence ids: which repeating pattern of resource usage an execution is
 * part of (seed 004's `sequence_id`).
 *
 * Each execution gets a usage signature, the binary order of magnitude of
 * each measure: CPU in milliseconds, peak memory in MiB, IO read and written
 * in KiB, duration in milliseconds (floor(log2(1 + x))). The sequence id of
 * a program's execution is a 64-bit FNV-1a hash (16 hex digits) of the
 * program's id and the signatures of its last SEQUENCE_LENGTH executions,
 * this one included. A program whose usage cycles (small, small, large, ...)
 * gets the same ids over and over; one whose usage drifts gets new ones.
 */
import type { ProfileObservation } from "./types.js";

export const SEQUENCE_LENGTH = 3;

type Usage = Omit<ProfileObservation, "sequenceId">;

const magnitude = (x: number) => Math.floor(Math.log2(1 + Math.max(0, x)));

export function usageSignature(u: Usage): string {
  return [
    magnitude(u.cpuSeconds * 1000),
    magnitude(u.peakMemMiB),
    magnitude(u.ioReadBytes / 1024),
    magnitude(u.ioWriteBytes / 1024),
    magnitude(u.executionS * 1000),
  ].join(".");
}

/** FNV-1a over the UTF-16 code units of `text`, 64 bits as two 32-bit halves. */
export function fnv1a64(text: string): string {
  // 64-bit arithmetic in 16-bit limbs: offset basis cbf29ce484222325, prime 100000001b3.
  let h0 = 0x2325,
    h1 = 0x8422,
    h2 = 0x9ce4,
    h3 = 0xcbf2;
  for (let i = 0; i < text.length; i++) {
    h0 ^= text.charCodeAt(i) & 0xffff;
    // Multiply by 2^40 + 0x1b3: (h * 0x1b3) + (h << 40).
    const t0 = h0 * 0x1b3;
    const t1 = h1 * 0x1b3 + (t0 >>> 16);
    const t2 = h2 * 0x1b3 + (t1 >>> 16) + (h0 << 8);
    const t3 = h3 * 0x1b3 + (t2 >>> 16) + (h1 << 8);
    h0 = t0 & 0xffff;
    h1 = t1 & 0xffff;
    h2 = t2 & 0xffff;
    h3 = t3 & 0xffff;
  }
  const hex = (x: number) => x.toString(16).padStart(4, "0");
  return hex(h3) + hex(h2) + hex(h1) + hex(h0);
}

/** Remembers each program's latest signatures, and names the pattern of the next execution. */
export class SequenceTracker {
  private readonly last = new Map<string, string[]>();

  next(u: Usage): string {
    const window = [...(this.last.get(u.codeId) ?? []), usageSignature(u)].slice(-SEQUENCE_LENGTH);
    this.last.set(u.codeId, window);
    return fnv1a64(`${u.codeId}\n${window.join("|")}`);
  }
}
