/**
 * A scenario's `sweep:` block, checked and expanded into points: every
 * path must name a value the file states (an error at the path's line
 * otherwise), and every point, the scenario with its values in place, must
 * pass the validator like any scenario (an error naming the point
 * otherwise). A scenario without the block has no points.
 */
import {
  formatIssue,
  formatPath,
  ScenarioError,
  type PathKey,
  type ScenarioIssue,
} from "./issues.js";
import type { LoadedScenario } from "./load.js";
import { sweepSchema } from "./schema.js";
import { parseSweepPath, resolveSweepPath, assignAt } from "./sweep-path.js";
import { validateScenario, type NormalizedScenario } from "./validate.js";

export interface SweepValue {
  /** As the sweep block writes it. */
  readonly path: string;
  readonly value: unknown;
}

export interface SweepPoint {
  readonly index: number;
  readonly values: readonly SweepValue[];
  /** The scenario at this point, validated and normalized. */
  readonly scenario: NormalizedScenario;
}

/** A point before it is checked: its values, and where each stands in the file. */
interface PointDraft {
  /** `at`: the value in the file; `key`: the path's key in the file. */
  readonly values: readonly (SweepValue & {
    readonly at: readonly PathKey[];
    readonly key: readonly PathKey[];
  })[];
}

function draftsOf(sweep: ReturnType<typeof sweepSchema.parse>): PointDraft[] {
  let grid: PointDraft[] = [];
  if (sweep.grid) {
    grid = [{ values: [] }];
    for (const [path, values] of Object.entries(sweep.grid)) {
      grid = grid.flatMap((d) =>
        values.map((value, i) => ({
          values: [
            ...d.values,
            { path, value, at: ["sweep", "grid", path, i], key: ["sweep", "grid", path] },
          ],
        })),
      );
    }
  }
  const listed = (sweep.points ?? []).map((p, i) => ({
    values: Object.entries(p).map(([path, value]) => ({
      path,
      value,
      at: ["sweep", "points", i, path],
      key: ["sweep", "points", i, path],
    })),
  }));
  return [...grid, ...listed];
}

/** Each path of the block as steps in the document, or an issue at its key. */
function resolvePaths(loaded: LoadedScenario, drafts: readonly PointDraft[]) {
  const resolved = new Map<string, PathKey[]>();
  /** Paths whose last key the file does not state. */
  const added = new Set<string>();
  const issues: ScenarioIssue[] = [];
  const failed = new Set<string>();
  for (const d of drafts) {
    for (const v of d.values) {
      if (resolved.has(v.path) || failed.has(formatPath(v.key))) continue;
      const steps = parseSweepPath(v.path);
      const found =
        typeof steps === "string" ? { missing: steps } : resolveSweepPath(loaded.data, steps);
      if ("path" in found) {
        resolved.set(v.path, found.path);
        if (found.added) added.add(v.path);
        continue;
      }
      failed.add(formatPath(v.key));
      const pos = loaded.map.locate(v.key.slice(0, -1), String(v.key[v.key.length - 1]));
      issues.push({
        file: loaded.file,
        path: formatPath(v.key),
        ...pos,
        message: `no such parameter "${v.path}": ${found.missing}`,
      });
    }
  }
  return { resolved, added, issues };
}

const valueText = (v: unknown) => (typeof v === "string" ? v : JSON.stringify(v));

/** How a point is named in messages: its number and its values. */
export function pointName(index: number, values: readonly SweepValue[]): string {
  return `point ${index} (${values.map((v) => `${v.path}=${valueText(v.value)}`).join(", ")})`;
}

/**
 * The points of `loaded`'s sweep block, in order; an empty list when it has
 * none. `loaded` has passed validateScenario.
 */
export function sweepPoints(loaded: LoadedScenario): SweepPoint[] {
  const data = loaded.data as Record<string, unknown>;
  if (data.sweep === undefined) return [];
  const drafts = draftsOf(sweepSchema.parse(data.sweep));
  const { resolved, added, issues } = resolvePaths(loaded, drafts);
  if (issues.length > 0) throw new ScenarioError(issues);
  const points: SweepPoint[] = [];
  const seen = new Set<string>();
  drafts.forEach((d, index) => {
    const values = d.values.map(({ path, value }) => ({ path, value }));
    try {
      const scenario = pointScenario(loaded, values, resolved);
      points.push({ index, values, scenario });
    } catch (e) {
      if (!(e instanceof ScenarioError)) throw e;
      for (const issue of e.issues) {
        const blamed = blamePoint(loaded, index, d, resolved, added, issue);
        const id = formatIssue(blamed);
        if (!seen.has(id)) issues.push(blamed);
        seen.add(id);
      }
    }
  });
  if (issues.length > 0) throw new ScenarioError(issues);
  return points;
}

/**
 * `loaded` with `values` in place, validated (a ScenarioError otherwise):
 * a point of a sweep, or any set of values a caller chooses (a planner's).
 */
export function scenarioWith(
  loaded: LoadedScenario,
  values: readonly SweepValue[],
): NormalizedScenario {
  const { resolved, issues } = resolvePaths(loaded, [
    { values: values.map((v) => ({ ...v, at: ["sweep"], key: ["sweep", v.path] })) },
  ]);
  if (issues.length > 0) throw new ScenarioError(issues);
  return pointScenario(loaded, values, resolved);
}

/** The scenario with `values` in place, validated (a ScenarioError otherwise). */
function pointScenario(
  loaded: LoadedScenario,
  values: readonly SweepValue[],
  resolved: ReadonlyMap<string, PathKey[]>,
): NormalizedScenario {
  const { sweep: _, ...rest } = loaded.data as Record<string, unknown>;
  let data: unknown = rest;
  for (const v of values) data = assignAt(data, resolved.get(v.path)!, v.value);
  return validateScenario({ ...loaded, data });
}

/** An issue of a point, named by it, placed at its value when the value caused it. */
function blamePoint(
  loaded: LoadedScenario,
  index: number,
  draft: PointDraft,
  resolved: ReadonlyMap<string, PathKey[]>,
  added: ReadonlySet<string>,
  issue: ScenarioIssue,
): ScenarioIssue {
  const values = draft.values.map(({ path, value }) => ({ path, value }));
  const cause = draft.values.find((v) => {
    const p = formatPath(resolved.get(v.path)!);
    return issue.path === p || issue.path.startsWith(`${p}.`) || issue.path.startsWith(`${p}[`);
  });
  const message = `sweep ${pointName(index, values)}: ${issue.path}: ${issue.message}`;
  if (!cause) return { ...issue, message };
  // A key the file leaves out that is no key there: the path is wrong, whatever the value.
  if (
    added.has(cause.path) &&
    issue.path === formatPath(resolved.get(cause.path)!) &&
    /^unknown key/.test(issue.message)
  ) {
    const pos = loaded.map.locate(cause.key.slice(0, -1), String(cause.key[cause.key.length - 1]));
    return {
      file: issue.file,
      path: formatPath(cause.key),
      ...pos,
      message: `no such parameter "${cause.path}": ${issue.message}`,
    };
  }
  const pos = loaded.map.locate(cause.at);
  return { file: issue.file, path: formatPath(cause.at), ...pos, message };
}
