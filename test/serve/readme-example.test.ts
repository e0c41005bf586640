/**
 * The README's library example, run as a user would: from the built
 * package, imported by its name (`provisim/policies`, package.json
 * "exports"), with the answer it prints checked against the policy itself.
 */
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { expect, test } from "vitest";
import { fleetFromData } from "../../sim/policies/fleet-data.js";
import { reactivePolicy } from "../../sim/policies/reactive.js";

const root = join(import.meta.dirname, "../..");

function example(name: string): string {
  const readme = readFileSync(join(root, "README.md"), "utf8");
  const m = new RegExp(`<!-- readme-example: ${name} -->\\s*\`\`\`js\\n([\\s\\S]*?)\`\`\``).exec(
    readme,
  );
  if (!m) throw new Error(`README.md has no example "${name}"`);
  return m[1]!;
}

test("the provisim/policies example of the README runs against the built package", () => {
  const code = example("policies");
  expect(code).toContain('from "provisim/policies"');
  const out = execFileSync(process.execPath, ["--input-type=module", "-e", code], {
    cwd: root,
    encoding: "utf8",
  });
  const config = reactivePolicy.configSchema.parse({ mode: "faas", type: "lambda-1769" });
  const want = reactivePolicy.init(config, fleetFromData({ nowS: 0, pools: [], types: [] }), {
    nowS: 0,
    random: () => 0,
    log: () => {},
  });
  expect(JSON.parse(out)).toEqual(JSON.parse(JSON.stringify(want)));
});

test("the package exports the policies and nothing of the engine through them", async () => {
  const lib = await import(join(root, "dist/sim/policies/index.js"));
  expect(lib.allPolicies().map((p: { name: string }) => p.name)).toEqual(
    (await import("../../sim/policies/registry.js")).policyNames(),
  );
  expect(Object.keys(lib)).not.toContain("engine");
});
