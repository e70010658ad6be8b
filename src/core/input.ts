import { InvalidInputError } from "./errors/invalid-input-error.js";

/**
 * The allowed own fields of a plain object, each read once, into a snapshot with no
 * prototype (so a field the caller left out reads as undefined even when
 * Object.prototype is polluted). Refuses non-objects, class instances, and any other
 * own key (typos, `__proto__`, `constructor`): an ignored field in a payment call is a
 * silent mistake. Inherited properties are never read.
 */
export function readFields<K extends string>(
  value: unknown,
  name: string,
  allowed: readonly K[],
): Partial<Record<K, unknown>> {
  if (value === null || typeof value !== "object" || Array.isArray(value)) {
    throw new InvalidInputError(name, `must be an object with ${allowed.join(", ")}`);
  }
  const proto = Object.getPrototypeOf(value);
  if (proto !== Object.prototype && proto !== null) {
    throw new InvalidInputError(name, "must be a plain object");
  }
  for (const key of Reflect.ownKeys(value)) {
    if (!(allowed as readonly PropertyKey[]).includes(key)) {
      throw new InvalidInputError(
        `${name}.${String(key)}`,
        `is not a known field (expected ${allowed.join(", ")})`,
      );
    }
  }
  const fields: Partial<Record<K, unknown>> = Object.create(null);
  for (const key of allowed) {
    if (Object.hasOwn(value, key)) fields[key] = (value as Record<K, unknown>)[key];
  }
  return fields;
}

/**
 * A snapshot of an array: each element read once, in order, from own indices only.
 * Refuses non-arrays and holes (a hole would read through to Object.prototype).
 * Validate and send the snapshot, never the caller's array: a getter or a Proxy may
 * answer differently on a second read.
 */
export function readArray(value: unknown, name: string, what: string): unknown[] {
  if (!Array.isArray(value)) throw new InvalidInputError(name, `must be an array of ${what}`);
  const length = value.length;
  // Stryker disable next-line ArrayDeclaration: the preset length only spares growing the array; every index is assigned below
  const copy: unknown[] = new Array(length);
  for (let i = 0; i < length; i++) {
    if (!Object.hasOwn(value, i))
      throw new InvalidInputError(`${name}[${i}]`, "is missing (a hole)");
    copy[i] = value[i];
  }
  return copy;
}

/** Values that occur more than once, in first-seen order. */
export function duplicatesIn<T>(values: readonly T[]): T[] {
  const seen = new Set<T>();
  const repeated = new Set<T>();
  for (const v of values) (seen.has(v) ? repeated : seen).add(v);
  return [...repeated];
}

/** The call's options object, its fields read as `readFields` does (undefined is {}). */
export function readOptions<K extends string>(
  options: unknown,
  allowed: readonly K[],
): Partial<Record<K, unknown>> {
  return options === undefined ? {} : readFields(options, "options", allowed);
}

/**
 * A whole number in min..max. Number.isInteger refuses every non-number, so this is the
 * one check a numeric option needs; as a type guard it lets the caller use the number.
 */
export function isWholeIn(value: unknown, min: number, max: number): value is number {
  return Number.isInteger(value) && (value as number) >= min && (value as number) <= max;
}

/** Refuses a `signal` that is not an AbortSignal (a string would silently be ignored). */
export function checkSignal(signal: unknown): AbortSignal | undefined {
  if (signal === undefined || signal instanceof AbortSignal) return signal;
  throw new InvalidInputError("options.signal", "must be an AbortSignal");
}
