/** What identifies a scenario run across processes: its text and the options given beside it. */
import { createHash } from "node:crypto";

export function scenarioHash(text: string, options: unknown): string {
  return createHash("sha256")
    .update(text)
    .update("\0")
    .update(JSON.stringify(options))
    .digest("hex");
}
