// Prism's data generator requires @faker-js/faker (about 1,900 files: over half of the
// engine's load time) as soon as the engine loads, yet only dynamic answers use it. A
// stand-in put in require's cache where Prism will look loads the real faker on first use
// and forwards everything to it, so static mocks start sooner and dynamic mode gets the
// very same faker (the same data for the same seed). (Prism's Postman importer loads
// faker's small English locale too, and reads it at once: that one is left as it is.)
import Module, { type createRequire } from "node:module";

type Require = ReturnType<typeof createRequire>;

/** Call before Prism's engine is first required, with a require that can resolve it. */
export function deferFaker(require: Require): void {
  let from: Require;
  let path: string;
  try {
    from = Module.createRequire(require.resolve("@stoplight/prism-http"));
    path = from.resolve("@faker-js/faker");
  } catch {
    return; // not installed as expected: Prism's own require will load or report it
  }
  if (from.cache[path]) return; // already loaded (or already deferred)

  let real: Record<PropertyKey, unknown> | undefined;
  const load = () => {
    if (!real) {
      delete from.cache[path];
      real = from("@faker-js/faker") as Record<PropertyKey, unknown>;
    }
    return real;
  };
  // json-schema-faker reads `default` when Prism registers it, and uses it only later.
  const lazyDefault = forwardTo(() => load().default as object);
  const stub = new Module(path);
  stub.filename = path;
  stub.loaded = true;
  stub.exports = new Proxy(
    {},
    { ...forwardHandler(load), get: (_, key) => (key === "default" ? lazyDefault : load()[key]) },
  );
  from.cache[path] = stub;
}

const forwardTo = (target: () => object): object => new Proxy({}, forwardHandler(target));

function forwardHandler(target: () => object): ProxyHandler<object> {
  return {
    get: (_, key) => Reflect.get(target(), key),
    has: (_, key) => Reflect.has(target(), key),
    ownKeys: () => Reflect.ownKeys(target()),
    getOwnPropertyDescriptor: (_, key) => {
      const descriptor = Reflect.getOwnPropertyDescriptor(target(), key);
      // A proxy may not report a property as non-configurable that its own target lacks.
      if (descriptor) descriptor.configurable = true;
      return descriptor;
    },
  };
}
