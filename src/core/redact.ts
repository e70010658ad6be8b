/** What replaces a secret wherever this package shows data. */
export const REDACTED = "[REDACTED]";
/** What replaces a part of an untrusted value nested deeper than MAX_DEPTH. */
export const TOO_DEEP = "[nested too deep]";

// Keys whose values are secrets whatever they hold.
const SECRET_KEY = /passcode|password|token|authorization|secret|api[-_]?key/i;

/** Whether a key or header name holds a secret whatever its value (any casing). */
export const isSecretKey = (key: string): boolean => SECRET_KEY.test(key);
// A secret at least this long is replaced wherever it occurs; a shorter one (a short
// passcode) only as a whole token, so "12" is not cut out of "4125" or "1.12".
const MIN_SECRET_LENGTH = 4;
// Deep enough for any real answer; shallow enough that whoever prints, compares or
// serialises the copy (JSON.stringify, util.inspect, expect) cannot overflow the stack.
const MAX_DEPTH = 64;

/**
 * A copy of untrusted `value` with secrets replaced: values under secret-looking keys,
 * numbers equal to a secret, and every occurrence of one of `secrets` in a string or
 * key. Iterative (a hostile body may be nested 100 000 deep); parts nested deeper than
 * MAX_DEPTH become TOO_DEEP; cycles become "[Circular]".
 */
export function redact<T>(value: T, secrets: readonly string[] = []): T {
  const matchers = secretMatchers(secrets);
  const leaf = (v: unknown): unknown => {
    if (typeof v === "string") return replaceSecrets(v, matchers);
    if (typeof v === "number" && matchers.numbers.has(String(v))) return REDACTED;
    return v;
  };
  const seen = new WeakSet<object>();
  const root: { value?: unknown } = {};
  // Each job copies `from` into `into[key]`.
  const jobs: Array<{ from: unknown; into: Record<string, unknown>; key: string; depth: number }> =
    [{ from: value, into: root, key: "value", depth: 0 }];
  for (let job = jobs.pop(); job; job = jobs.pop()) {
    const { from, into, key, depth } = job;
    if (from === null || typeof from !== "object") {
      put(into, key, leaf(from));
    } else if (seen.has(from)) {
      put(into, key, "[Circular]");
    } else if (depth >= MAX_DEPTH) {
      put(into, key, TOO_DEEP);
    } else {
      seen.add(from);
      const copy = (Array.isArray(from) ? [] : {}) as Record<string, unknown>;
      put(into, key, copy);
      for (const [k, item] of Object.entries(from)) {
        const safeKey = replaceSecrets(k, matchers);
        if (isSecretKey(k)) put(copy, safeKey, REDACTED);
        else jobs.push({ from: item, into: copy, key: safeKey, depth: depth + 1 });
      }
    }
  }
  return root.value as T;
}

// Defined, not assigned: a "__proto__" key in a hostile body must stay a plain key.
const put = (into: object, key: string, value: unknown) =>
  Object.defineProperty(into, key, { value, enumerable: true, writable: true, configurable: true });

/** `text` with every secret replaced (short ones only as a whole token). */
export function redactString(text: string, secrets: readonly string[]): string {
  // Most texts hold no secret at all: nothing to build matchers for.
  // Stryker disable next-line ConditionalExpression,LogicalOperator,StringLiteral: a shortcut; replaceSecrets gives back a text holding no secret unchanged
  if (!secrets.some((s) => typeof s === "string" && s !== "" && text.includes(s))) return text;
  return replaceSecrets(text, secretMatchers(secrets));
}

interface Matchers {
  long: string[];
  short: RegExp | undefined;
  numbers: Set<string>;
}

function secretMatchers(secrets: readonly string[]): Matchers {
  const present = secrets.filter((s) => typeof s === "string" && s !== "");
  // Stryker disable next-line MethodExpression,ConditionalExpression,EqualityOperator: a longer secret in this list too changes nothing: the long list has replaced it everywhere first
  const short = present.filter((s) => s.length < MIN_SECRET_LENGTH).map(escapeRegExp);
  return {
    long: present.filter((s) => s.length >= MIN_SECRET_LENGTH),
    // Not next to another letter or digit: "7" goes in "code 7." but not in "1.75".
    short: short.length
      ? new RegExp(`(?<![\\w.])(?:${short.join("|")})(?![\\w]|\\.\\d)`, "g")
      : undefined,
    numbers: new Set(present.filter((s) => /^-?\d+$/.test(s))),
  };
}

function replaceSecrets(text: string, { long, short }: Matchers): string {
  let out = text;
  // Stryker disable next-line ConditionalExpression: a shortcut; split and join give back a text without the secret unchanged
  for (const secret of long) if (out.includes(secret)) out = out.split(secret).join(REDACTED);
  return short ? out.replace(short, REDACTED) : out;
}

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
