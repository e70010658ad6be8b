// The keys openapi-fetch destructures from a call's init (with defaults): given as own
// properties, so none of them is ever looked up on a polluted Object.prototype.
const CALL_KEYS = [
  "headers",
  "parseAs",
  "querySerializer",
  "bodySerializer",
  "pathSerializer",
  "body",
  "middleware",
  "signal",
] as const;

const own = (value: unknown, key: string): unknown =>
  value !== null && typeof value === "object" && Object.hasOwn(value, key)
    ? (value as Record<string, unknown>)[key]
    : undefined;

/** A copy of an object's own enumerable fields on a null prototype (for-in sees no more). */
const ownCopy = (value: unknown): Record<string, unknown> | undefined =>
  value !== null && typeof value === "object"
    ? Object.assign(Object.create(null), value)
    : undefined;

// Every key ownInit sets itself; any other own field of a call's init is passed on as
// given, except "__proto__" (assigned, it would replace the copy's prototype).
const SET_HERE = new Set<PropertyKey>([
  ...CALL_KEYS,
  "baseUrl",
  "fetch",
  "Request",
  "params",
  "__proto__",
]);
const isEnumerable = Object.prototype.propertyIsEnumerable;

/**
 * The init of one typed-client call, read from own properties only. `baseUrl`, `fetch`
 * and `Request` are always the client's: a per-call one would bypass the transport
 * (its timeout, size cap and refusal of redirects). Built as one literal (one shape for
 * every call) with the other own fields added after: a copy of the whole init first,
 * then overwritten, cost three times as much.
 */
export function ownInit(init: unknown): Record<string, unknown> {
  const given =
    // Stryker disable next-line ConditionalExpression: own() and `if (given)` below treat null as no init too
    init !== null && typeof init === "object" ? (init as Record<PropertyKey, unknown>) : undefined;
  const params = own(given, "params");
  const copy: Record<PropertyKey, unknown> = {
    headers: own(given, "headers"),
    parseAs: own(given, "parseAs"),
    querySerializer: own(given, "querySerializer"),
    bodySerializer: own(given, "bodySerializer"),
    pathSerializer: own(given, "pathSerializer"),
    body: own(given, "body"),
    middleware: own(given, "middleware"),
    // null, not undefined: fetch's Request treats an undefined field as absent and then
    // looks it up on the prototype.
    signal: own(given, "signal") ?? null,
    baseUrl: undefined,
    fetch: undefined,
    Request: undefined,
    params: {
      path: ownCopy(own(params, "path")),
      query: ownCopy(own(params, "query")) ?? Object.create(null),
      header: ownCopy(own(params, "header")),
      cookie: ownCopy(own(params, "cookie")),
    },
  };
  if (given) {
    for (const key of Object.keys(given)) if (!SET_HERE.has(key)) copy[key] = given[key];
    // Symbol keys too (the call context), as a spread copies them.
    for (const key of Object.getOwnPropertySymbols(given))
      if (isEnumerable.call(given, key)) copy[key] = given[key];
  }
  return copy as Record<string, unknown>;
}
