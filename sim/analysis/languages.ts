/**
 * What each language's tree-sitter grammar calls the constructs the
 * metrics count. One table per language; the metrics code is shared.
 */
export type LanguageName =
  "javascript" | "typescript" | "tsx" | "python" | "go" | "java" | "csharp" | "rust" | "ruby";

export interface LanguageSpec {
  readonly name: LanguageName;
  readonly grammar: string;
  readonly extensions: readonly string[];
  /** Nodes that are functions (their name is the `name` field, where there is one). */
  readonly functions: ReadonlySet<string>;
  /** Branches: each adds one path (cyclomatic) and one increment (cognitive). */
  readonly branches: ReadonlySet<string>;
  readonly loops: ReadonlySet<string>;
  /** Binary nodes whose operator is a short-circuit && / || / and / or. */
  readonly logical: ReadonlySet<string>;
  readonly logicalOperators: ReadonlySet<string>;
  readonly calls: ReadonlySet<string>;
  readonly imports: ReadonlySet<string>;
  /** Literal collections and comprehensions. */
  readonly collections: ReadonlySet<string>;
  /** Constructor or function names that allocate a collection. */
  readonly collectionMakers: ReadonlySet<string>;
  readonly criticalSections: ReadonlySet<string>;
  /** Calls that import (Ruby's require), where imports are calls, not statements. */
  readonly importCalls?: ReadonlySet<string>;
  /** Methods that loop over their receiver when given a block (Ruby's each, times, map...). */
  readonly iterators?: ReadonlySet<string>;
  /** Binary operators that grow a collection (Ruby's <<). */
  readonly growthOperators?: ReadonlySet<string>;
}

const set = (...xs: string[]) => new Set(xs);

const GROWTH = [
  "push",
  "append",
  "add",
  "put",
  "insert",
  "set",
  "extend",
  "unshift",
  "addAll",
  "putAll",
  "concat",
];
export const GROWTH_METHODS: ReadonlySet<string> = new Set(GROWTH);
export const IO_CALLS: ReadonlySet<string> = set(
  "open",
  "read",
  "write",
  "readFile",
  "writeFile",
  "readFileSync",
  "writeFileSync",
  "createReadStream",
  "createWriteStream",
  "readAll",
  "ReadFile",
  "WriteFile",
  "Open",
  "Create",
  "Copy",
  "query",
  "execute",
  "exec",
  "commit",
  "newBufferedReader",
  "newBufferedWriter",
  "readAllLines",
  "readLine",
  "readline",
  "fsync",
  "ReadAllText",
  "ReadAllLines",
  "ReadAllBytes",
  "WriteAllText",
  "WriteAllBytes",
  "OpenRead",
  "OpenWrite",
  "ReadToEnd",
  "ExecuteReader",
  "ExecuteNonQuery",
  "read_to_string",
  "read_to_end",
  "write_all",
  "read_line",
  "readlines",
  "foreach",
  "binread",
);
/** Methods that reach the network whatever they are called on. */
export const NETWORK_CALLS: ReadonlySet<string> = set(
  "Dial",
  "DialTCP",
  "openConnection",
  "sendAsync",
  "recv",
  "sendall",
  "GetAsync",
  "PostAsync",
  "GetStringAsync",
);
/**
 * Functions that reach the network when called bare, as fetch(url) is; as
 * methods their names mean other things (Ruby's hash.fetch, cache.fetch).
 */
export const NETWORK_FUNCTIONS: ReadonlySet<string> = set("fetch", "urlopen", "axios", "socket");
/** Modules whose every call is network traffic (requests.get, http.Get, https.request...). */
export const NETWORK_MODULES: ReadonlySet<string> = set(
  "http",
  "https",
  "requests",
  "urllib",
  "httpx",
  "axios",
  "net",
  "grpc",
  "socket",
  "HttpClient",
  "reqwest",
  "hyper",
  "Net",
  "HTTParty",
  "Faraday",
);
export const LOCK_CALLS: ReadonlySet<string> = set(
  "Lock",
  "RLock",
  "lock",
  "acquire",
  "tryLock",
  "synchronized",
  "wait",
  "notify",
  "synchronize",
);

const JS_BASE = {
  functions: set(
    "function_declaration",
    "function_expression",
    "arrow_function",
    "method_definition",
    "generator_function",
    "generator_function_declaration",
  ),
  branches: set("if_statement", "switch_case", "catch_clause", "ternary_expression"),
  loops: set("for_statement", "for_in_statement", "while_statement", "do_statement"),
  logical: set("binary_expression"),
  logicalOperators: set("&&", "||", "??"),
  calls: set("call_expression", "new_expression"),
  imports: set("import_statement"),
  collections: set("array", "object"),
  collectionMakers: set(
    "Map",
    "Set",
    "Array",
    "WeakMap",
    "Float64Array",
    "Int32Array",
    "Uint8Array",
    "from",
  ),
  criticalSections: set(),
};

export const LANGUAGES: readonly LanguageSpec[] = [
  {
    name: "javascript",
    grammar: "javascript",
    extensions: [".js", ".mjs", ".cjs", ".jsx"],
    ...JS_BASE,
  },
  { name: "typescript", grammar: "typescript", extensions: [".ts", ".mts", ".cts"], ...JS_BASE },
  { name: "tsx", grammar: "tsx", extensions: [".tsx"], ...JS_BASE },
  {
    name: "python",
    grammar: "python",
    extensions: [".py"],
    functions: set("function_definition", "lambda"),
    branches: set(
      "if_statement",
      "elif_clause",
      "case_clause",
      "except_clause",
      "conditional_expression",
      "if_clause",
    ),
    loops: set("for_statement", "while_statement", "for_in_clause"),
    logical: set("boolean_operator"),
    logicalOperators: set("and", "or"),
    calls: set("call"),
    imports: set("import_statement", "import_from_statement"),
    collections: set(
      "list",
      "dictionary",
      "set",
      "list_comprehension",
      "dictionary_comprehension",
      "set_comprehension",
    ),
    collectionMakers: set(
      "list",
      "dict",
      "set",
      "deque",
      "defaultdict",
      "Counter",
      "array",
      "zeros",
      "ones",
      "empty",
    ),
    criticalSections: set(),
  },
  {
    name: "go",
    grammar: "go",
    extensions: [".go"],
    functions: set("function_declaration", "method_declaration", "func_literal"),
    branches: set("if_statement", "expression_case", "type_case", "communication_case"),
    loops: set("for_statement"),
    logical: set("binary_expression"),
    logicalOperators: set("&&", "||"),
    calls: set("call_expression"),
    imports: set("import_spec"),
    collections: set("composite_literal"),
    collectionMakers: set("make", "append"),
    criticalSections: set(),
  },
  {
    name: "java",
    grammar: "java",
    extensions: [".java"],
    functions: set("method_declaration", "constructor_declaration", "lambda_expression"),
    branches: set("if_statement", "switch_label", "catch_clause", "ternary_expression"),
    loops: set("for_statement", "enhanced_for_statement", "while_statement", "do_statement"),
    logical: set("binary_expression"),
    logicalOperators: set("&&", "||"),
    calls: set("method_invocation", "object_creation_expression"),
    imports: set("import_declaration"),
    collections: set("array_creation_expression", "array_initializer"),
    collectionMakers: set(
      "ArrayList",
      "HashMap",
      "HashSet",
      "LinkedList",
      "TreeMap",
      "ArrayDeque",
      "LinkedHashMap",
      "ConcurrentHashMap",
      "of",
      "asList",
    ),
    criticalSections: set("synchronized_statement"),
  },
  {
    name: "csharp",
    grammar: "c_sharp",
    extensions: [".cs"],
    functions: set(
      "method_declaration",
      "constructor_declaration",
      "local_function_statement",
      "lambda_expression",
      "anonymous_method_expression",
    ),
    branches: set(
      "if_statement",
      "case_switch_label",
      "switch_expression_arm",
      "catch_clause",
      "conditional_expression",
    ),
    loops: set("for_statement", "for_each_statement", "while_statement", "do_statement"),
    logical: set("binary_expression"),
    logicalOperators: set("&&", "||", "??"),
    calls: set("invocation_expression", "object_creation_expression"),
    imports: set("using_directive"),
    collections: set(
      "array_creation_expression",
      "implicit_array_creation_expression",
      "collection_expression",
    ),
    collectionMakers: set(
      "List",
      "Dictionary",
      "HashSet",
      "Queue",
      "Stack",
      "LinkedList",
      "SortedDictionary",
      "ConcurrentDictionary",
      "ToList",
      "ToArray",
      "ToDictionary",
    ),
    criticalSections: set("lock_statement"),
  },
  {
    name: "rust",
    grammar: "rust",
    extensions: [".rs"],
    functions: set("function_item", "closure_expression"),
    branches: set("if_expression", "match_arm"),
    loops: set("for_expression", "while_expression", "loop_expression"),
    logical: set("binary_expression"),
    logicalOperators: set("&&", "||"),
    calls: set("call_expression", "macro_invocation"),
    imports: set("use_declaration"),
    collections: set("array_expression"),
    collectionMakers: set(
      "vec",
      "Vec",
      "HashMap",
      "HashSet",
      "BTreeMap",
      "BTreeSet",
      "VecDeque",
      "BinaryHeap",
      "collect",
    ),
    criticalSections: set(),
  },
  {
    name: "ruby",
    grammar: "ruby",
    extensions: [".rb"],
    functions: set("method", "singleton_method", "lambda"),
    branches: set(
      "if",
      "elsif",
      "unless",
      "if_modifier",
      "unless_modifier",
      "when",
      "rescue",
      "rescue_modifier",
      "conditional",
    ),
    loops: set("while", "until", "for", "while_modifier", "until_modifier"),
    logical: set("binary"),
    logicalOperators: set("&&", "||", "and", "or"),
    calls: set("call"),
    imports: set(),
    collections: set("array", "hash"),
    collectionMakers: set("Array", "Hash", "Set"),
    criticalSections: set(),
    importCalls: set("require", "require_relative"),
    iterators: set(
      "each",
      "each_with_index",
      "each_with_object",
      "each_slice",
      "each_cons",
      "each_char",
      "each_line",
      "each_pair",
      "each_key",
      "each_value",
      "map",
      "flat_map",
      "collect",
      "select",
      "filter",
      "filter_map",
      "reject",
      "inject",
      "reduce",
      "sum",
      "times",
      "upto",
      "downto",
      "step",
      "loop",
      "foreach",
    ),
    growthOperators: set("<<"),
  },
];

export function languageOf(path: string): LanguageSpec | undefined {
  const lower = path.toLowerCase();
  return LANGUAGES.find((l) => l.extensions.some((e) => lower.endsWith(e)));
}

export function languageNamed(name: string): LanguageSpec | undefined {
  return LANGUAGES.find((l) => l.name === name);
}
