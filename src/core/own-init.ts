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

/**
 * The init of one typed-client call, read from own properties only. `baseUrl`, `fetch`
 * and `Request` are always the client's: a per-call one would bypass the transport
 * (its timeout, size cap and refusal of redirects).
 */
export function ownInit(init: unknown): Record<string, unknown> {
  const copy: Record<string, unknown> = { ...(ownCopy(init) ?? {}) };
  for (const key of CALL_KEYS) copy[key] = own(init, key);
  // null, not undefined: fetch's Request treats an undefined field as absent and then
  // looks it up on the prototype.
  copy.signal ??= null;
  copy.baseUrl = undefined;
  copy.fetch = undefined;
  copy.Request = undefined;
  const params = own(init, "params");
  copy.params = {
    path: ownCopy(own(params, "path")),
    query: ownCopy(own(params, "query")) ?? Object.create(null),
    header: ownCopy(own(params, "header")),
    cookie: ownCopy(own(params, "cookie")),
  };
  return copy;
}
