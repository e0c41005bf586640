/**
 * The one-way import direction of ARCHITECTURE.md, as lint. From one ordered
 * list of layers (bottom first, in eslint.config.js) this derives what every
 * file of the project may import, and the rules that keep the inner layers
 * free of I/O and the policies pure.
 *
 * Imports are checked where they resolve, not as they are spelt, so
 * `../x/../engine/a.js`, `import("node:fs")` and the package's own name
 * (`provisim`, which re-exports the engine) are judged like any other path.
 */
import { readFileSync } from "node:fs";
import { isBuiltin } from "node:module";
import { dirname, relative, resolve } from "node:path";
import globals from "globals";

const SOURCE_EXTENSION = /\.(d\.)?[cm]?[jt]sx?$/;

/** A project path, relative to the root, with / and without its source extension. */
function projectPath(root, absolute) {
  return relative(root, absolute).split("\\").join("/").replace(SOURCE_EXTENSION, "");
}

/** The entry of `entries` whose path holds `path` most narrowly (a folder ends with /). */
function narrowest(entries, path) {
  let best;
  let bestLength = -1;
  for (const entry of entries) {
    for (const p of entry.paths) {
      const holds = p.endsWith("/")
        ? path.startsWith(p) || `${path}/` === p
        : path === p.replace(SOURCE_EXTENSION, "");
      if (holds && p.length > bestLength) {
        best = entry;
        bestLength = p.length;
      }
    }
  }
  return best;
}

/** `fs/promises` and `node:fs` are both `fs`; `@a/b/c` is `@a/b`. */
const builtinName = (spec) => spec.replace(/^node:/, "").split("/")[0];
const packageName = (spec) =>
  spec
    .split("/")
    .slice(0, spec.startsWith("@") ? 2 : 1)
    .join("/");

/**
 * Checks the ordered list and resolves every `uses` to layers below: a layer
 * may name only layers before it, so no list can make an import run upwards.
 */
export function orderLayers(order) {
  const seen = new Map();
  return order.map((layer) => {
    if (seen.has(layer.name)) throw new Error(`eslint layers: "${layer.name}" is listed twice`);
    const below = [...seen.values()];
    const uses =
      layer.uses === "all below"
        ? below.map((l) => l.name)
        : layer.uses.map((name) => {
            if (!seen.has(name)) {
              const why = order.some((l) => l.name === name) ? "is not below it" : "is no layer";
              throw new Error(`eslint layers: "${layer.name}" uses "${name}", which ${why}`);
            }
            return name;
          });
    const resolved = {
      packages: [],
      exceptions: [],
      ...layer,
      uses,
      builtins: layer.io ? "all" : (layer.builtins ?? []),
    };
    seen.set(layer.name, resolved);
    return resolved;
  });
}

/** Layers a pure layer uses are pure too: a policy must not reach a clock through a helper. */
export function pureLayers(layers) {
  const byName = new Map(layers.map((l) => [l.name, l]));
  const pure = new Set();
  const visit = (name) => {
    if (pure.has(name)) return;
    pure.add(name);
    for (const used of byName.get(name).uses) visit(used);
  };
  for (const l of layers) if (l.pure) visit(l.name);
  return pure;
}

/** The package's own name and its exports, mapped back to source paths. */
function selfPackage(root) {
  const pkg = JSON.parse(readFileSync(resolve(root, "package.json"), "utf8"));
  const exports = new Map();
  for (const [subpath, target] of Object.entries(pkg.exports ?? {})) {
    const file = typeof target === "string" ? target : target.default;
    const spec = subpath === "." ? pkg.name : `${pkg.name}/${subpath.slice(2)}`;
    exports.set(spec, file.replace(/^\.\/dist\//, "").replace(SOURCE_EXTENSION, ""));
  }
  return { name: pkg.name, exports };
}

/** The static specifier of an import site, or null when it is computed. */
function staticSpecifier(node) {
  if (!node) return null;
  if (node.type === "Literal" && typeof node.value === "string") return node.value;
  if (node.type === "TemplateLiteral" && node.expressions.length === 0)
    return node.quasis[0].value.cooked;
  if (node.type === "TSLiteralType") return staticSpecifier(node.literal);
  return null;
}

function describeAllowed(layer) {
  const parts = [...layer.uses];
  if (layer.builtins === "all") parts.push("node builtins");
  else parts.push(...layer.builtins.map((b) => `node:${b}`));
  parts.push(...layer.packages.map((p) => `"${p}"`));
  return parts.length === 0 ? "nothing outside itself" : `only ${parts.join(", ")}`;
}

/** The eslint plugin whose rule `imports` checks every import against the layers. */
export function layersPlugin(layers, { root, outside }) {
  const self = selfPackage(root);
  const entries = [
    ...layers.map((l) => ({ ...l, kind: "layer" })),
    { name: "outside the layers", paths: outside, kind: "outside" },
  ];

  /** What `spec`, imported from `file`, is: a layer, a builtin, a package or nothing of ours. */
  function classify(file, spec) {
    if (spec.startsWith(".") || spec.startsWith("/")) {
      const target = projectPath(root, resolve(dirname(file), spec));
      if (target.startsWith("../") || target.startsWith("node_modules/"))
        return { what: `"${spec}", outside the project` };
      const entry = narrowest(entries, target);
      if (entry?.kind === "layer") return { layer: entry.name, what: `"${spec}" (${entry.name})` };
      return { what: `"${spec}", outside the layers` };
    }
    if (spec.startsWith("node:") || isBuiltin(spec))
      return { builtin: builtinName(spec), what: `the node builtin "${spec}"` };
    if (packageName(spec) === self.name) {
      const target = self.exports.get(spec);
      const entry = target === undefined ? undefined : narrowest(entries, target);
      if (entry?.kind === "layer")
        return { layer: entry.name, what: `"${spec}", the package itself (${entry.name})` };
      return { what: `"${spec}", not an export of the package` };
    }
    if (spec.startsWith("#")) return { what: `"${spec}", an import map entry` };
    return { package: packageName(spec), what: `the npm package "${packageName(spec)}"` };
  }

  function allows(layer, file, target) {
    if (target.layer !== undefined)
      return target.layer === layer.name || layer.uses.includes(target.layer);
    const exception = layer.exceptions.find((e) => e.file === file);
    if (target.builtin !== undefined)
      return (
        layer.builtins === "all" ||
        layer.builtins.includes(target.builtin) ||
        (exception?.builtins ?? []).includes(target.builtin)
      );
    if (target.package !== undefined) return layer.packages.includes(target.package);
    return false;
  }

  const imports = {
    meta: {
      type: "problem",
      docs: { description: "Each layer imports only what the ordered list of layers allows it." },
      schema: [],
      messages: {
        forbidden: "{{layer}} may import {{allowed}}; not {{what}}.",
        computed:
          "{{layer}} does no I/O: import() with a computed path cannot be checked, import statically.",
        unplaced:
          "{{file}} is in no layer: place it in the ordered list of layers in eslint.config.js.",
      },
    },
    create(context) {
      const fileName = relative(root, context.filename).split("\\").join("/");
      if (fileName.startsWith("../")) return {};
      const entry = narrowest(entries, projectPath(root, context.filename));
      if (entry?.kind === "outside") return {};
      if (entry === undefined)
        return {
          Program(node) {
            context.report({ node, messageId: "unplaced", data: { file: fileName } });
          },
        };
      const layer = entry;
      const check = (node, source) => {
        const spec = staticSpecifier(source);
        if (spec === null) {
          if (!layer.io)
            context.report({ node, messageId: "computed", data: { layer: layer.name } });
          return;
        }
        const target = classify(context.filename, spec);
        if (!allows(layer, fileName, target))
          context.report({
            node: source ?? node,
            messageId: "forbidden",
            data: { layer: layer.name, allowed: describeAllowed(layer), what: target.what },
          });
      };
      return {
        ImportDeclaration: (node) => check(node, node.source),
        ExportAllDeclaration: (node) => check(node, node.source),
        ExportNamedDeclaration: (node) => node.source && check(node, node.source),
        ImportExpression: (node) => check(node, node.source),
        TSImportType: (node) => check(node, node.source ?? node.argument),
        TSExternalModuleReference: (node) => check(node, node.expression),
        "CallExpression[callee.type='Identifier'][callee.name='require']": (node) =>
          check(node, node.arguments[0]),
      };
    },
  };
  return { meta: { name: "layers" }, rules: { imports } };
}

/**
 * ECMAScript's own globals a pure layer may use: everything deterministic.
 * Left out: Date (time comes from the context), eval and Function (code
 * from strings escapes every rule here), globalThis (a way round them all),
 * Intl (its output depends on the host's locale data), WeakRef and
 * FinalizationRegistry (they see the garbage collector), and
 * SharedArrayBuffer and Atomics (state shared across threads).
 */
const PURE_GLOBALS = new Set([
  ...["undefined", "NaN", "Infinity", "isFinite", "isNaN", "parseFloat", "parseInt"],
  ...["decodeURI", "decodeURIComponent", "encodeURI", "encodeURIComponent", "escape", "unescape"],
  ...["Object", "Array", "Boolean", "Number", "BigInt", "String", "Symbol", "RegExp", "JSON"],
  ...["Math", "Map", "Set", "WeakMap", "WeakSet", "Promise", "Proxy", "Reflect", "Iterator"],
  ...["Error", "AggregateError", "EvalError", "RangeError", "ReferenceError", "SyntaxError"],
  ...["TypeError", "URIError", "SuppressedError", "ArrayBuffer", "DataView"],
  ...["Int8Array", "Uint8Array", "Uint8ClampedArray", "Int16Array", "Uint16Array"],
  ...["Int32Array", "Uint32Array", "Float16Array", "Float32Array", "Float64Array"],
  ...["BigInt64Array", "BigUint64Array", "DisposableStack", "AsyncDisposableStack"],
]);

/** Every global some host gives a script: node, browsers, workers. */
const HOST_ENVIRONMENTS = [
  "builtin",
  "node",
  "nodeBuiltin",
  "commonjs",
  "shared-node-browser",
  "browser",
  "worker",
  "sharedWorker",
  "serviceworker",
  "audioWorklet",
  "paintWorklet",
];
const KNOWN_GLOBALS = [
  ...new Set(HOST_ENVIRONMENTS.flatMap((env) => Object.keys(globals[env]))),
].sort();

const PURE = "A policy and what it imports are pure";
const WHY_IMPURE = {
  Date: `${PURE}: the time is context.nowS.`,
  performance: `${PURE}: the time is context.nowS.`,
  crypto: `${PURE}: randomness is context.random, the seeded stream.`,
  console: `${PURE}: log through context.log.`,
  process: `${PURE}: configuration comes in the policy's config.`,
  globalThis: `${PURE}: globalThis is a way round these rules.`,
  eval: `${PURE}: code from strings escapes these rules.`,
  Function: `${PURE}: code from strings escapes these rules.`,
};
const TIMER = `${PURE}: ask to be called back with a set-timer action.`;

function restrictedGlobals(allowed, pure) {
  return KNOWN_GLOBALS.filter((name) => !allowed.has(name)).map((name) => ({
    name,
    message: pure
      ? (WHY_IMPURE[name] ??
        (/timeout|interval|immediate|microtask|animationframe|idlecallback/i.test(name)
          ? TIMER
          : `${PURE}: deterministic ECMAScript built-ins only.`))
      : "This layer does no I/O: what reaches outside the process comes in from an edge.",
  }));
}

/** Rules for a pure layer: what a policy and everything it imports may touch. */
const PURE_RULES = {
  "no-restricted-globals": ["error", ...restrictedGlobals(PURE_GLOBALS, true)],
  "no-restricted-properties": [
    "error",
    { object: "Math", property: "random", message: "Use context.random, the seeded stream." },
    { property: "constructor", message: "A constructor's constructor is Function, which evals." },
  ],
  "no-restricted-syntax": [
    "error",
    {
      selector: "ImportExpression",
      message: "Pure layers import statically, so lint can check what they import.",
    },
    {
      // Math only as `Math.name`: an alias (`const M = Math`) or `Math[k]` would reach Math.random.
      selector:
        "Identifier[name='Math']:not(MemberExpression[computed=false] > Identifier.object):not(MemberExpression[computed=false] > Identifier.property):not(Property[computed=false] > Identifier.key):not(TSTypeReference > Identifier)",
      message: "Use Math only as Math.name: an alias or Math[key] could reach Math.random.",
    },
  ],
};

/**
 * What an inner layer may use beside ECMAScript (bar globalThis, a way round
 * this list): the host's utilities that do no I/O. Not console, process,
 * fetch, performance or crypto.
 */
const NO_IO_GLOBALS = new Set([
  ...Object.keys(globals.builtin).filter((name) => name !== "globalThis"),
  ...["Buffer", "TextEncoder", "TextDecoder", "URL", "URLSearchParams", "structuredClone"],
  ...["atob", "btoa", "AbortController", "AbortSignal", "Event", "EventTarget"],
  ...["queueMicrotask", "setTimeout", "clearTimeout", "setImmediate", "clearImmediate"],
  ...["setInterval", "clearInterval"],
]);

/** Rules for an inner layer: no host global that reaches outside the process. */
const NO_IO_RULES = {
  "no-restricted-globals": ["error", ...restrictedGlobals(NO_IO_GLOBALS, false)],
};

/** A layer's files as globs, minus the layers nested inside it. */
function layerFiles(layer, layers) {
  const glob = (p) => (p.endsWith("/") ? `${p}**` : p);
  const nested = layers
    .filter((other) => other !== layer)
    .flatMap((other) => other.paths)
    .filter((p) =>
      layer.paths.some((mine) => mine.endsWith("/") && p !== mine && p.startsWith(mine)),
    );
  return { files: layer.paths.map(glob), ...(nested.length ? { ignores: nested.map(glob) } : {}) };
}

/**
 * Rules for a browser layer: it may use the browser's globals (document,
 * fetch) and imports no node builtin; Node's own globals (process, Buffer,
 * require) are not there when it runs.
 */
const BROWSER_RULES = {
  "no-restricted-globals": [
    "error",
    ...Object.keys(globals.node)
      .filter((name) => !(name in globals.browser))
      .map((name) => ({
        name,
        message: "This layer runs in a browser: Node's globals are not there.",
      })),
  ],
};

/** The flat-config blocks of the layers: the import rule everywhere, purity where it belongs. */
export function layerConfigs(order, { root, outside }) {
  const layers = orderLayers(order);
  const pure = pureLayers(layers);
  return [
    {
      plugins: { layers: layersPlugin(layers, { root, outside }) },
      rules: { "layers/imports": "error" },
    },
    ...layers
      .filter((l) => l.browser)
      .map((l) => ({
        ...layerFiles(l, layers),
        languageOptions: { globals: globals.browser },
        rules: BROWSER_RULES,
      })),
    ...layers
      .filter((l) => !l.browser && (pure.has(l.name) || !l.io))
      .map((l) => ({
        ...layerFiles(l, layers),
        rules: pure.has(l.name) ? PURE_RULES : NO_IO_RULES,
      })),
  ];
}
