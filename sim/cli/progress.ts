/**
 * A one-line progress bar for long commands, on a terminal only: piped or
 * logged output stays free of it (SIM_PROGRESS=1 draws it anyway, =0
 * never). The first report draws at once; later ones at most every
 * 100 ms, so a caller may report as often as it likes.
 */
export interface Progress {
  /** `fraction` of the work done (0..1), and what is being done. */
  update(fraction: number, label: string): void;
  /** Draws the finished bar and ends its line. */
  done(label: string): void;
}

const WIDTH = 30;
const REDRAW_MS = 100;

type Output = Pick<NodeJS.WriteStream, "isTTY" | "write">;

/** Whether a bar is drawn on `out`. */
export function showsProgress(out: Output, env: NodeJS.ProcessEnv = process.env): boolean {
  if (env.SIM_PROGRESS === "1") return true;
  if (env.SIM_PROGRESS === "0") return false;
  return out.isTTY === true;
}

export function progressBar(
  out: Output,
  nowMs: () => number = Date.now,
  env: NodeJS.ProcessEnv = process.env,
): Progress {
  if (!showsProgress(out, env)) return { update() {}, done() {} };
  let lastAt = -Infinity;
  let drawn = false;
  const draw = (fraction: number, label: string, end: string) => {
    const f = Math.min(1, Math.max(0, fraction));
    const filled = Math.round(f * WIDTH);
    const bar = `[${"#".repeat(filled)}${"-".repeat(WIDTH - filled)}] ${Math.floor(f * 100)}%`;
    out.write(`\r\x1b[K${bar}  ${label}${end}`);
  };
  return {
    update(fraction, label) {
      const now = nowMs();
      if (now - lastAt < REDRAW_MS) return;
      lastAt = now;
      drawn = true;
      draw(fraction, label, "");
    },
    done(label) {
      if (drawn) draw(1, label, "\n");
      drawn = false;
    },
  };
}
