// Prism's validator (validators/utils.js) makes, as it loads, an Ajv for draft-07 schemas
// and one each for schemas declaring draft 2019-09 or 2020-12 (two of each: coercing and
// not), each with ajv-formats and Prism's date-time format. The two later drafts' Ajv
// classes, vocabularies and meta-schemas are a fifth of Ajv's load time, and the shipped
// specs declare draft-07 only. While Prism's validator loads, those two classes are
// stand-ins whose instances note what Prism does to them (ajv-formats, addFormat) and
// become the real Ajv, with the same done to it in the same order, when first used
// otherwise. The stand-ins leave require's cache as soon as Prism's validator is loaded:
// only Prism holds them, and any other `require("ajv/dist/2020")` gets the real one.
import { createRequire } from "node:module";
import { forwardHandler, putInCache } from "./defer-modules.js";

type Require = ReturnType<typeof createRequire>;
type AjvInstance = Record<PropertyKey, unknown>;
type AjvClass = new (options?: object) => AjvInstance;
type Plugin = ((ajv: object, options?: unknown) => unknown) & Record<string, unknown>;

const DRAFTS = ["ajv/dist/2019", "ajv/dist/2020"];
const pending = new WeakMap<object, Array<(real: AjvInstance) => void>>();

/** An Ajv that is made, and has what was noted done to it, on first use. */
function lazyAjv(load: () => AjvClass, options?: object): object {
  const noted: Array<(real: AjvInstance) => void> = [];
  let real: AjvInstance | undefined;
  const materialize = (): AjvInstance => {
    if (!real) {
      real = new (load())(options);
      pending.delete(instance);
      for (const step of noted.splice(0)) step(real);
    }
    return real;
  };
  // Ajv's methods read its private state: each is bound to the real instance.
  const forward = (key: PropertyKey) => {
    const target = materialize();
    const value = Reflect.get(target, key, target);
    return typeof value === "function" ? value.bind(target) : value;
  };
  const instance: object = new Proxy(
    {},
    {
      ...forwardHandler(materialize),
      get: (_, key) =>
        !real && key === "addFormat"
          ? (...args: unknown[]) => {
              noted.push((ajv) => (ajv.addFormat as (...a: unknown[]) => unknown)(...args));
              return instance;
            }
          : forward(key),
      getPrototypeOf: () => Reflect.getPrototypeOf(materialize()),
      defineProperty: (_, key, descriptor) =>
        Reflect.defineProperty(materialize(), key, descriptor),
      deleteProperty: (_, key) => Reflect.deleteProperty(materialize(), key),
    },
  );
  pending.set(instance, noted);
  return instance;
}

/**
 * Runs `load`, which must first require Prism's validator, with the 2019-09 and 2020-12
 * Ajv classes deferred as above. Does nothing special when they are loaded already.
 */
export function deferLaterDrafts<T>(prism: Require, load: () => T): T {
  let ajv: Require;
  let paths: string[];
  let formatsPath: string;
  try {
    ajv = createRequire(prism.resolve("./validator/validators/utils.js"));
    paths = DRAFTS.map((id) => ajv.resolve(id));
    formatsPath = ajv.resolve("ajv-formats");
  } catch {
    return load(); // not installed as Prism 5.12 installs it: Prism loads or reports it
  }
  if (paths.some((path) => ajv.cache[path])) return load();
  // ajv-formats, applied to a deferred Ajv, is noted and applied to the real one.
  const formats = ajv(formatsPath) as Plugin;
  const formatsModule = ajv.cache[formatsPath];
  const deferredFormats = Object.assign(
    (instance: object, options?: unknown) => {
      const noted = pending.get(instance);
      if (!noted) return formats(instance, options);
      noted.push((real) => formats(real, options));
      return instance;
    },
    { get: formats.get },
  );
  putInCache(ajv, formatsPath, Object.assign(deferredFormats, { default: deferredFormats }));
  const stubs = new Set<unknown>();
  for (const [id, path] of DRAFTS.map((draft, i) => [draft, paths[i]] as const)) {
    // The real class, even if first used while the stand-in is still in require's cache.
    const loadClass = () => {
      if (path && stubs.has(ajv.cache[path])) delete ajv.cache[path];
      return ajv(id).default as AjvClass;
    };
    // biome-ignore lint/complexity/useArrowFunction: Prism calls it with `new`, which an arrow refuses.
    const LazyClass = function (options?: object) {
      return lazyAjv(loadClass, options);
    };
    if (path) stubs.add(putInCache(ajv, path, { default: LazyClass }));
  }
  try {
    return load();
  } finally {
    for (const path of paths) if (stubs.has(ajv.cache[path])) delete ajv.cache[path];
    if (formatsModule) ajv.cache[formatsPath] = formatsModule;
  }
}
