// fast-check arbitraries of request bodies: valid ones drawn from Prism's own generator
// (json-schema-faker, seeded by fast-check), and invalid ones made by mutating a valid
// one. Both shrink: fast-check walks `smallerJson`, keeping each class in its class.
import fc from "fast-check";
import { smallerJson } from "./json-shrink.js";

/**
 * Bodies from `source` that `keep` accepts. They shrink as JSON (./json-shrink.ts),
 * staying in their class, so a failure ends as the smallest body that still fails,
 * whatever mutation made it.
 */
class ShrinkableBody extends fc.Arbitrary<unknown> {
  constructor(
    private readonly source: fc.Arbitrary<unknown>,
    private readonly keep: (body: unknown) => boolean,
  ) {
    super();
  }

  generate(random: fc.Random, biasFactor: number | undefined): fc.Value<unknown> {
    // Prism's generator may miss a rule it cannot express (a pattern's look-ahead), and
    // a mutation may leave a body valid: draw again, a bounded number of times.
    for (let tries = 0; tries < 100; tries++) {
      const body = this.source.generate(random, biasFactor).value;
      if (this.keep(body)) return new fc.Value(body, undefined);
    }
    throw new Error("no body in the wanted class in 100 draws");
  }

  canShrinkWithoutContext(value: unknown): value is unknown {
    return this.keep(value);
  }

  shrink(value: unknown): fc.Stream<fc.Value<unknown>> {
    return new fc.Stream(smallerJson(value))
      .filter((smaller) => this.keep(smaller))
      .map((smaller) => new fc.Value(smaller, undefined));
  }
}

/** What is sent is JSON: compare and shrink what the server will parse. */
const roundTrip = (value: unknown): unknown => JSON.parse(JSON.stringify(value) ?? "null");

/** Distinct generator seeds per arbitrary: mutations and shrinking add the variety. */
const DEFAULT_SEEDS = 1024;

/**
 * Bodies from Prism's generator, seeded by fast-check from a pool of `seeds` (drawing a
 * body with a long pattern takes ~10 ms, so each seed's body is drawn once).
 */
function seeded(generate: (seed: string) => unknown, seeds: number): fc.Arbitrary<unknown> {
  const drawn = new Map<number, unknown>();
  return fc.integer({ min: 0, max: seeds - 1 }).map((seed) => {
    if (!drawn.has(seed)) drawn.set(seed, roundTrip(generate(String(seed))));
    return structuredClone(drawn.get(seed));
  });
}

/** Valid bodies: generated from the schema, kept when `isValid` accepts them. */
export const validBodies = (
  generate: (seed: string) => unknown,
  isValid: (body: unknown) => boolean,
  seeds = DEFAULT_SEEDS,
): fc.Arbitrary<unknown> => new ShrinkableBody(seeded(generate, seeds), isValid);

// Values that break common rules: types, bounds, lengths (in UTF-16 units and in code
// points), control and astral characters, numbers JSON cannot hold exactly.
const HOSTILE_VALUES: unknown[] = [
  null,
  "",
  "x",
  " ",
  "\u0007",
  "a\nb",
  "😀".repeat(60),
  "x".repeat(101),
  0,
  -1,
  1.5,
  2 ** 53,
  1e21,
  true,
  [],
  {},
  [1],
  { reward: {} },
];

type Mutation =
  | { kind: "delete"; at: number }
  | { kind: "replace"; at: number; value: unknown }
  | { kind: "stringify"; at: number }
  | { kind: "add"; at: number; key: string; value: unknown }
  | { kind: "overflow"; at: number }
  | { kind: "fill"; at: number }
  | { kind: "astral"; at: number };

const at = fc.nat();
const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  { weight: 3, arbitrary: fc.record({ kind: fc.constant("delete" as const), at }) },
  {
    weight: 4,
    arbitrary: fc.record({
      kind: fc.constant("replace" as const),
      at,
      value: fc.oneof(
        { weight: 3, arbitrary: fc.constantFrom(...HOSTILE_VALUES) },
        { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 2 }) },
      ),
    }),
  },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant("stringify" as const), at }) },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant("add" as const),
      at,
      key: fc.oneof(fc.constantFrom("__proto__", "constructor", "extra"), fc.string()),
      value: fc.jsonValue({ maxDepth: 1 }),
    }),
  },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant("overflow" as const), at }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant("fill" as const), at }) },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant("astral" as const), at }) },
);

/** Paths to every node of a JSON value, the root first. */
function nodePaths(value: unknown, at: (string | number)[] = []): (string | number)[][] {
  const paths = [at];
  if (Array.isArray(value))
    for (const [i, v] of value.entries()) paths.push(...nodePaths(v, [...at, i]));
  else if (value !== null && typeof value === "object")
    for (const [k, v] of Object.entries(value)) paths.push(...nodePaths(v, [...at, k]));
  return paths;
}

/** `body` with one mutation applied at one of its nodes (a copy; the body is not changed). */
export function mutate(body: unknown, m: Mutation): unknown {
  const root = structuredClone(body);
  const paths = nodePaths(root);
  const path = paths[m.at % paths.length] ?? [];
  // Every node on a path from nodePaths() is an object or an array.
  type Container = { [key: string | number]: unknown };
  const parent = path.slice(0, -1).reduce((node, key) => node[key] as Container, root as Container);
  const key = path[path.length - 1];
  const current = key === undefined ? root : parent[key];
  const set = (value: unknown) => {
    if (key === undefined) return value;
    parent[key] = value;
    return root;
  };
  switch (m.kind) {
    case "delete":
      if (key === undefined) return undefined;
      if (Array.isArray(parent)) parent.splice(Number(key), 1);
      else delete parent[key];
      return root;
    case "replace":
      return set(structuredClone(m.value));
    case "stringify":
      return set(JSON.stringify(current));
    case "add":
      if (current === null || typeof current !== "object" || Array.isArray(current))
        return set([current, m.value]);
      Object.defineProperty(current, m.key, { value: m.value, enumerable: true, writable: true });
      return root;
    case "overflow":
      // Past any maxItems/maxLength the specs set (1000 items, 100 000 characters).
      if (Array.isArray(current))
        return set(Array.from({ length: 1001 }, (_, i) => current[i % current.length] ?? 1));
      if (typeof current === "string") return set(current.padEnd(100_001, current || "x"));
      return set(-Number.MAX_VALUE);
    case "fill":
      // Exactly at the largest maxItems the specs set: valid when each item is.
      if (Array.isArray(current))
        return set(Array.from({ length: 1000 }, (_, i) => current[i % current.length] ?? 1));
      return set(Number.MAX_SAFE_INTEGER);
    case "astral":
      // Same number of characters, twice the UTF-16 units: tells the two ways of
      // counting a length apart. Separators and digits stay, so CSV rows stay rows.
      // An id-like string is padded to 51 characters (102 units) to cross a bound of 100.
      if (typeof current === "string") {
        const astral = current.replace(/[^\d.,\n]/gu, "😀");
        return set(/[\d.,\n]/.test(current) ? astral : astral.padEnd(102, "😀"));
      }
      return set("😀".repeat(51));
  }
}

/** Bodies made invalid by one mutation of a valid one, kept when `isValid` refuses them. */
export const invalidBodies = (
  generate: (seed: string) => unknown,
  isValid: (body: unknown) => boolean,
  seeds = DEFAULT_SEEDS,
): fc.Arbitrary<unknown> =>
  new ShrinkableBody(
    fc
      .tuple(validBodies(generate, isValid, seeds), mutation)
      .map(([body, m]) => roundTrip(mutate(body, m))),
    (body) => !isValid(body),
  );

/** Generated bodies with a mutation half of the time: both sides of every rule. */
export const mixedBodies = (
  generate: (seed: string) => unknown,
  seeds = DEFAULT_SEEDS,
): fc.Arbitrary<unknown> =>
  new ShrinkableBody(
    fc
      .tuple(seeded(generate, seeds), fc.option(mutation, { freq: 2 }))
      .map(([body, m]) => (m === null ? body : roundTrip(mutate(body, m)))),
    () => true,
  );
