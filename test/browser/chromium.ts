import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { chromium, type BrowserContext } from "playwright-core";

/** Debian's chromium, which .ci/run installs; playwright-core never downloads a browser. */
export const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

/** Where browser tests leave screenshots and pages for a person to look at (gitignored). */
export const ARTIFACTS = new URL("./artifacts/", import.meta.url).pathname;

// Background services would try to reach the network at every start.
const QUIET = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

/** A headless browser with a fresh profile; close() also removes the profile. */
export async function openBrowser(): Promise<{
  context: BrowserContext;
  close: () => Promise<void>;
}> {
  if (!existsSync(CHROMIUM))
    throw new Error(
      `no browser at ${CHROMIUM}: install it with apt-get install -y chromium (or set CHROMIUM_PATH)`,
    );
  const profile = mkdtempSync(join(tmpdir(), "provisim-chromium-"));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: QUIET,
    viewport: { width: 1200, height: 900 },
  });
  return {
    context,
    close: async () => {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}
