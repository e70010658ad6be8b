// One step smaller versions of a JSON value, most aggressive first, for fast-check to
// shrink a generated body with (it tries them lazily and keeps the first that still
// fails). Callers filter them, e.g. to keep a valid body valid while it shrinks.

/** JSON values one step smaller than `value`: halves, drops, then smaller parts. */
export function* smallerJson(value: unknown): Generator<unknown> {
  if (Array.isArray(value)) {
    if (value.length > 1) yield value.slice(0, Math.ceil(value.length / 2));
    // Dropping single items: the first few only, halving already covers long lists.
    for (let i = 0; i < Math.min(value.length, 8); i++)
      yield [...value.slice(0, i), ...value.slice(i + 1)];
    for (let i = 0; i < Math.min(value.length, 8); i++)
      for (const item of smallerJson(value[i])) yield Object.assign([...value], { [i]: item });
  } else if (value !== null && typeof value === "object") {
    const entries = Object.entries(value);
    for (const [key] of entries) yield Object.fromEntries(entries.filter(([k]) => k !== key));
    for (const [key, item] of entries)
      for (const smaller of smallerJson(item)) yield { ...value, [key]: smaller };
  } else if (typeof value === "string" && value.length > 0) {
    yield "";
    if (value.length > 2) yield value.slice(0, Math.ceil(value.length / 2));
    yield value.slice(0, -1);
    yield value.slice(1);
  } else if (typeof value === "number" && value !== 0) {
    yield 0;
    if (Math.abs(value) > 1) yield 1;
    if (!Number.isInteger(value)) yield Math.trunc(value);
    if (Math.abs(value) > 2) yield Math.trunc(value / 2);
  } else if (value === true) {
    yield false;
  }
}
