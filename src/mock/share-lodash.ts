// Prism's validator merges `allOf` with @stoplight/json-schema-merge-allof, which (with
// json-schema-compare) requires 17 lodash methods one file each: with their internals,
// about 195 files to resolve, read and compile, while Prism itself has already loaded
// lodash whole (lodash.js). Both are built by lodash from the same sources and ship in
// the same package, so each method's file is served the method of the lodash already
// loaded: the same functions, without the 195 files.
import { createRequire } from "node:module";
import { dirname } from "node:path";
import { putInCache } from "./defer-modules.js";

type Require = ReturnType<typeof createRequire>;

/** The methods merge-allof and json-schema-compare require as `lodash/<name>`. */
export const LODASH_METHODS = [
  "compact",
  "defaults",
  "defaultsDeep",
  "flatten",
  "flattenDeep",
  "forEach",
  "intersection",
  "intersectionWith",
  "isBoolean",
  "isEqual",
  "isPlainObject",
  "pick",
  "pullAll",
  "sortBy",
  "uniq",
  "uniqWith",
  "without",
] as const;

const shared = new WeakSet<object>();

/** Whether `module` (from require's cache) is a lodash method served from lodash.js. */
export const isSharedLodash = (module: object): boolean => shared.has(module);

/** Call before Prism's engine is first required, with a require that resolves from Prism's files. */
export function shareLodash(prism: Require): void {
  let mergeAllOf: Require;
  let main: string;
  try {
    mergeAllOf = createRequire(prism.resolve("@stoplight/json-schema-merge-allof"));
    main = mergeAllOf.resolve("lodash");
  } catch {
    return; // not installed as expected: Prism's own require will load or report it
  }
  for (const name of LODASH_METHODS) {
    const path = mergeAllOf.resolve(`lodash/${name}`);
    // Only a method file of the very package whose lodash.js serves it, not loaded yet.
    if (dirname(path) !== dirname(main) || mergeAllOf.cache[path]) continue;
    const lodash = mergeAllOf(main) as Record<string, unknown>;
    if (typeof lodash[name] !== "function") continue;
    shared.add(putInCache(mergeAllOf, path, lodash[name]));
  }
}
