import type { InstanceState } from "../../types.js";

/** What a routing rule reads of an instance: an InstanceView has it, and so does the model's. */
export interface Candidate {
  readonly state: InstanceState;
  readonly slots: number;
  readonly busySlots: number;
  readonly freeSlots: number;
  readonly idleSinceS: number | null;
}
