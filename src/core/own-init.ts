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
 * The init of one typed-client call, read from own properties only, each read once.
 * `baseUrl`, `fetch` and `Request` are always the client's: a per-call one would bypass
 * the transport (its timeout, size cap and refusal of redirects).
 */
export function ownInit(init: unknown): Record<string, unknown> {
  const given = init !== null && typeof init === "object" ? init : undefined;
  // Spread, not Object.assign: an own "__proto__" key stays a plain field.
  const copy: Record<string, unknown> = { ...given };
  for (const key of CALL_KEYS) {
    // Enumerable own fields came with the spread; a non-enumerable own one is read here.
    if (!Object.hasOwn(copy, key)) copy[key] = own(given, key);
  }
  // null, not undefined: fetch's Request treats an undefined field as absent and then
  // looks it up on the prototype.
  copy.signal ??= null;
  copy.baseUrl = undefined;
  copy.fetch = undefined;
  copy.Request = undefined;
  const params = Object.hasOwn(copy, "params") ? copy.params : own(given, "params");
  copy.params = {
    path: ownCopy(own(params, "path")),
    query: ownCopy(own(params, "query")) ?? Object.create(null),
    header: ownCopy(own(params, "header")),
    cookie: ownCopy(own(params, "cookie")),
  };
  return copy;
}
