/** What replaces a secret wherever this package shows data. */
export const REDACTED = "[REDACTED]";

// Keys whose values are secrets whatever they hold.
const SECRET_KEY = /passcode|password|token|authorization|secret|api[-_]?key/i;
// A secret shorter than this (a 4-digit passcode is the shortest we hold) would match
// too much ordinary text to be replaced inside strings.
const MIN_SECRET_LENGTH = 4;

/**
 * A deep copy of `value` with secrets replaced: values under secret-looking keys, and
 * every occurrence of one of `secrets` inside a string. Cycles are cut.
 */
export function redact<T>(value: T, secrets: readonly string[] = []): T {
  const needles = secrets.filter((s) => s.length >= MIN_SECRET_LENGTH);
  const seen = new WeakSet<object>();
  const walk = (v: unknown): unknown => {
    if (typeof v === "string") return redactString(v, needles);
    if (v === null || typeof v !== "object") return v;
    if (seen.has(v)) return "[Circular]";
    seen.add(v);
    if (Array.isArray(v)) return v.map(walk);
    const out: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(v)) {
      out[key] = SECRET_KEY.test(key) ? REDACTED : walk(item);
    }
    return out;
  };
  return walk(value) as T;
}

export function redactString(text: string, secrets: readonly string[]): string {
  let out = text;
  for (const secret of secrets) {
    if (secret.length >= MIN_SECRET_LENGTH) out = out.split(secret).join(REDACTED);
  }
  return out;
}
