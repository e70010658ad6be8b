// Prism's engine requires, as it loads, libraries that static mocks never call:
// @faker-js/faker (about 1,900 files), json-schema-faker with its own $ref parser and
// YAML reader, and seedrandom, which only dynamic answers use; node-fetch and the proxy agents, which
// only forwarding to an upstream uses (the mocks never forward); lodash/fp (lodash
// converted whole as it loads), which only a refused token's answer uses; @stoplight/json,
// which only callbacks use (the specs have none); mime-types with its 180 kB database,
// which type-is and accepts use only for a media type named without its slash ("json").
// A stand-in put in require's cache where Prism will look loads the real library on first
// use and forwards everything to it, so static mocks start sooner and every other use gets
// the very same library (dynamic mode: the same data for the same seed).
import Module, { type createRequire } from "node:module";

type Require = ReturnType<typeof createRequire>;
type Exports = Record<PropertyKey, unknown>;
type StandIn = (load: () => Exports) => unknown;

/** For a module that exports an object (@stoplight/json). Both forward every use. */
export const plain: StandIn = (load) => forwardTo(load as () => object, {});

/** For a module that exports a function (seedrandom, node-fetch, the proxy agents, lodash/fp). */
export const callable: StandIn = (load) => forwardTo(load as () => object, callableShell());

// json-schema-faker reads `default` when Prism registers it, and uses it only later.
const faker: StandIn = (load) => {
  const lazyDefault = forwardTo(() => load().default as object, {});
  return new Proxy(
    {},
    { ...forwardHandler(load), get: (_, key) => (key === "default" ? lazyDefault : load()[key]) },
  );
};

// Prism calls JSONSchemaFaker.extend and .option as it loads; they are noted and made, in
// order, on the real one when it loads. Anything else loads it.
export const jsonSchemaFaker: StandIn = (load) => {
  const noted: Array<[key: string, args: unknown[]]> = [];
  let ready: Exports | undefined;
  const real = () => {
    if (!ready) {
      ready = load().JSONSchemaFaker as Exports;
      for (const [key, args] of noted.splice(0))
        (ready[key] as (...a: unknown[]) => unknown)(...args);
    }
    return ready;
  };
  const setter = (key: "extend" | "option") =>
    function (this: unknown, ...args: unknown[]) {
      const reading = key === "option" && args.length === 1 && typeof args[0] === "string";
      if (ready || reading) return (real()[key] as (...a: unknown[]) => unknown)(...args);
      noted.push([key, args]);
      return standIn;
    };
  const own = { extend: setter("extend"), option: setter("option") } as Exports;
  const standIn: object = new Proxy(
    {},
    {
      ...forwardHandler(real),
      get: (_, key) =>
        key === "JSONSchemaFaker" ? standIn : !ready && key in own ? own[key] : real()[key],
    },
  );
  return standIn;
};

const DEFERRED: Record<string, StandIn> = {
  "@faker-js/faker": faker,
  "json-schema-faker": jsonSchemaFaker,
  seedrandom: callable,
  "node-fetch": callable,
  "http-proxy-agent": callable,
  "https-proxy-agent": callable,
  "lodash/fp": callable,
  "@stoplight/json": plain,
  "mime-types": plain,
};

const standIns = new WeakSet<object>();

/** Whether `module` (from require's cache) is a stand-in whose library is not loaded yet. */
export const isStandIn = (module: object): boolean => standIns.has(module);

/** Call before Prism's engine is first required, with a require that resolves from Prism's files. */
export function deferUnusedModules(prism: Require): void {
  for (const [id, standIn] of Object.entries(DEFERRED)) {
    let path: string;
    try {
      path = prism.resolve(id);
    } catch {
      continue; // not installed as expected: Prism's own require will load or report it
    }
    if (prism.cache[path]) continue; // already loaded (or already deferred)
    let real: Exports | undefined;
    const load = () => {
      if (!real) {
        delete prism.cache[path];
        real = prism(id) as Exports;
      }
      return real;
    };
    standIns.add(putInCache(prism, path, standIn(load)));
  }
}

/** A module already loaded, with `exports`, put in require's cache at `path`: what require then returns. */
export function putInCache(require: Require, path: string, exports: unknown): Module {
  const module = new Module(path);
  module.filename = path;
  module.loaded = true;
  module.exports = exports;
  require.cache[path] = module;
  return module;
}

// The shell is what the stand-in is to `typeof`: {} or, to be callable and constructible,
// a bound function (which, unlike a function declaration, has no non-configurable
// `prototype` of its own that the proxy would have to report).
const callableShell = () => function shell() {}.bind(undefined);
const forwardTo = (target: () => object, shell: object): object =>
  new Proxy(shell, forwardHandler(target));

/** Every use of the proxy forwarded to `target()` (the real library, loaded on first use). */
export function forwardHandler(target: () => object): ProxyHandler<object> {
  return {
    get: (_, key) => Reflect.get(target(), key),
    set: (_, key, value) => Reflect.set(target(), key, value),
    has: (_, key) => Reflect.has(target(), key),
    ownKeys: () => Reflect.ownKeys(target()),
    apply: (_, self, args) => Reflect.apply(target() as (...a: unknown[]) => unknown, self, args),
    construct: (_, args) => Reflect.construct(target() as new (...a: unknown[]) => object, args),
    getOwnPropertyDescriptor: (_, key) => {
      const descriptor = Reflect.getOwnPropertyDescriptor(target(), key);
      // A proxy may not report a property as non-configurable that its own target lacks.
      if (descriptor) descriptor.configurable = true;
      return descriptor;
    },
  };
}
