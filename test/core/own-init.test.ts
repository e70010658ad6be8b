// ownInit: a typed-client call's init rebuilt from its own properties, each read once,
// with the client's baseUrl, fetch and Request always in force.
import { describe, expect, it } from "vitest";
import { ownInit } from "../../src/core/own-init.js";

const CALL_KEYS = [
  "headers",
  "parseAs",
  "querySerializer",
  "bodySerializer",
  "pathSerializer",
  "body",
  "middleware",
] as const;

describe("ownInit", () => {
  it("keeps the call's own fields and copies its params onto null prototypes", () => {
    const signal = new AbortController().signal;
    const given = {
      headers: { "x-a": "1" },
      parseAs: "text",
      querySerializer: () => "",
      bodySerializer: () => "",
      pathSerializer: () => "",
      body: { amount: 1 },
      middleware: [],
      signal,
      params: {
        path: { id: "7" },
        query: { page: 2 },
        header: { "x-h": "h" },
        cookie: { c: "v" },
      },
    };
    const init = ownInit(given);
    for (const key of CALL_KEYS) expect(init[key]).toBe(given[key]);
    expect(init.signal).toBe(signal);
    const params = init.params as Record<string, Record<string, unknown>>;
    for (const part of ["path", "query", "header", "cookie"] as const) {
      expect(params[part]).toEqual(given.params[part]);
      expect(params[part]).not.toBe(given.params[part]);
      expect(Object.getPrototypeOf(params[part])).toBeNull();
    }
  });

  it("a per-call baseUrl, fetch or Request is dropped: the client's are used", () => {
    const init = ownInit({ baseUrl: "https://evil.example", fetch: () => 0, Request: class {} });
    expect([init.baseUrl, init.fetch, init.Request]).toEqual([undefined, undefined, undefined]);
    expect(Object.keys(init)).toContain("baseUrl");
  });

  it("no init, or one that is not an object: nothing but the defaults", () => {
    for (const given of [undefined, null, "ab", 5]) {
      const init = ownInit(given);
      expect(Object.keys(init).sort()).toEqual(
        [...CALL_KEYS, "signal", "baseUrl", "fetch", "Request", "params"].sort(),
      );
      expect(init.signal).toBeNull();
      for (const key of CALL_KEYS) expect(init[key]).toBeUndefined();
      const params = init.params as Record<string, unknown>;
      expect(params).toEqual({ path: undefined, query: {}, header: undefined, cookie: undefined });
      expect(Object.getPrototypeOf(params.query)).toBeNull();
    }
  });

  it("an own signal left undefined is null (a Request would look it up on the prototype)", () => {
    expect(ownInit({ signal: undefined }).signal).toBeNull();
  });

  it("reads nothing inherited, in the init or in its params", () => {
    const inherited = Object.create({
      headers: { "x-polluted": "1" },
      signal: "not mine",
      params: { query: { polluted: 1 } },
      cache: "no-store",
    });
    const init = ownInit(inherited);
    expect(init.headers).toBeUndefined();
    expect(init.signal).toBeNull();
    expect(init.cache).toBeUndefined();
    expect(init.params).toEqual({
      path: undefined,
      query: {},
      header: undefined,
      cookie: undefined,
    });
    const params = Object.create({ path: { id: "x" } });
    expect((ownInit({ params }).params as { path: unknown }).path).toBeUndefined();
    const parts = { path: Object.create({ id: "x" }), query: Object.create({ q: 1 }) };
    const own = ownInit({ params: parts }).params as Record<string, object>;
    expect([Object.keys(own.path as object), Object.keys(own.query as object)]).toEqual([[], []]);
  });

  it("params or their parts that are not objects count as absent", () => {
    const fn = Object.assign(() => {}, { path: { id: "x" } });
    for (const params of [null, "ab", fn]) {
      expect(ownInit({ params }).params).toEqual({
        path: undefined,
        query: {},
        header: undefined,
        cookie: undefined,
      });
    }
    expect(ownInit({ params: { path: null, query: "ab", header: 5 } }).params).toEqual({
      path: undefined,
      query: {},
      header: undefined,
      cookie: undefined,
    });
  });

  it("passes other own fields on, and enumerable symbol keys, but never __proto__", () => {
    const context = Symbol("context");
    const hidden = Symbol("hidden");
    const given = JSON.parse('{"cache": "no-store", "__proto__": {"polluted": true}}');
    given[context] = { onResponse: true };
    Object.defineProperty(given, hidden, { value: 1, enumerable: false });
    const init = ownInit(given);
    expect(init.cache).toBe("no-store");
    expect((init as Record<symbol, unknown>)[context]).toEqual({ onResponse: true });
    expect(Object.hasOwn(init, hidden)).toBe(false);
    expect(Object.getPrototypeOf(init)).toBe(Object.prototype);
    expect(Object.hasOwn(init, "__proto__")).toBe(false);
    expect((init as { polluted?: unknown }).polluted).toBeUndefined();
  });

  it("reads each field of the init once, and the client's own ones never", () => {
    const reads = new Map<string, number>();
    const given = {};
    for (const key of [...CALL_KEYS, "signal", "params", "baseUrl", "fetch", "Request"]) {
      Object.defineProperty(given, key, {
        enumerable: true,
        get() {
          reads.set(key, (reads.get(key) ?? 0) + 1);
          return key === "signal" ? undefined : key === "params" ? {} : { read: reads.get(key) };
        },
      });
    }
    const init = ownInit(given);
    for (const key of CALL_KEYS) expect(init[key]).toEqual({ read: 1 });
    expect(Object.fromEntries(reads)).toEqual({
      ...Object.fromEntries(CALL_KEYS.map((key) => [key, 1])),
      signal: 1,
      params: 1,
    });
  });
});
