import type { Routing } from "../../types.js";
import type { Candidate } from "./candidate.js";
import { leastLoaded } from "./least-loaded.js";
import { newestIdleFirst } from "./newest-idle-first.js";
import { roundRobin } from "./round-robin.js";

/** The instance a pool's routing rule chooses (index into `list`), or -1 when none has a free slot. */
export function chooseInstance(
  routing: Routing,
  list: readonly Candidate[],
  cursor: number,
): number {
  switch (routing) {
    case "round-robin":
      return roundRobin(list, cursor);
    case "least-loaded":
      return leastLoaded(list);
    case "newest-idle-first":
      return newestIdleFirst(list);
  }
}
