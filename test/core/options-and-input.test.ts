// The client options' checks (token, baseUrl, timeoutMs, maxResponseBytes, fetch) and
// the readers of a call's input (readFields, readArray, readOptions, checkSignal): what
// they accept, what they refuse, and which field a refusal names.
import { describe, expect, it } from "vitest";
import { InvalidInputError } from "../../src/core/errors/invalid-input-error.js";
import {
  checkSignal,
  duplicatesIn,
  readArray,
  readFields,
  readOptions,
} from "../../src/core/input.js";
import {
  CLIENT_OPTION_KEYS,
  checkBaseUrl,
  checkFetch,
  checkMaxResponseBytes,
  checkTimeout,
  checkToken,
  DEFAULT_MAX_RESPONSE_BYTES,
  DEFAULT_TIMEOUT_MS,
} from "../../src/core/options.js";

/** The InvalidInputError `run` throws, as "field: message". */
const refusal = (run: () => unknown): string => {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(InvalidInputError);
    const { field, message } = error as InvalidInputError;
    expect(message.startsWith(`${field}: `)).toBe(true);
    return message;
  }
  throw new Error("not refused");
};

describe("checkToken", () => {
  it("accepts a bare token of visible ASCII, first and last printable characters included", () => {
    for (const token of ["!", "~", "abc-DEF_123.~!", "tokenish", "Bearer-less"]) {
      expect(checkToken(token)).toBe(token);
    }
  });

  it("refuses a missing, empty or scheme-prefixed token, and whitespace or control characters", () => {
    expect(refusal(() => checkToken(undefined))).toBe("token: is required (a string)");
    expect(refusal(() => checkToken(42))).toBe("token: is required (a string)");
    expect(refusal(() => checkToken(""))).toBe("token: is empty");
    expect(refusal(() => checkToken(" \t "))).toBe("token: is empty");
    for (const token of ["Bearer abc", "token\tabc", "BEARER abc", "Token abc"]) {
      expect(refusal(() => checkToken(token))).toBe(
        "token: starts with an auth scheme; pass the bare token",
      );
    }
    for (const token of [
      "mybearer abc",
      "xtoken abc",
      "ab cd",
      " abcd",
      "abcd ",
      "ab\ncd",
      "abc\u0000",
      "abcé",
      "x\u007f",
    ]) {
      expect(refusal(() => checkToken(token))).toBe(
        "token: holds whitespace, control or non-ASCII characters (not shown)",
      );
    }
  });
});

describe("checkBaseUrl", () => {
  it("https anywhere, http only to a loopback address; trailing slashes dropped", () => {
    expect(checkBaseUrl("https://api.example.com/api/v1///")).toBe(
      "https://api.example.com/api/v1",
    );
    expect(checkBaseUrl("https://api.example.com")).toBe("https://api.example.com");
    expect(checkBaseUrl("https://api.example.com/a/b")).toBe("https://api.example.com/a/b");
    for (const url of [
      "http://localhost:8080",
      "http://[::1]:3000",
      "http://127.0.0.1:4010",
      "http://127.255.10.200",
    ]) {
      expect(checkBaseUrl(url)).toBe(url);
    }
  });

  it("refuses other plain-http hosts, other schemes, credentials, a query or a fragment", () => {
    for (const url of [
      "http://api.example.com",
      "http://127.0.0.1.example.com",
      "http://128.0.0.1",
      "http://localhost.example.com",
      "http://10.127.0.1",
    ]) {
      expect(refusal(() => checkBaseUrl(url))).toMatch(/^baseUrl: plain http is only allowed/);
    }
    expect(refusal(() => checkBaseUrl("ftp://files.example.com"))).toBe(
      "baseUrl: must be an https URL, not ftp:",
    );
    expect(refusal(() => checkBaseUrl("https://user@api.example.com"))).toBe(
      "baseUrl: must not hold credentials; pass them as token",
    );
    expect(refusal(() => checkBaseUrl("https://:pw@api.example.com"))).toMatch(/credentials/);
    expect(refusal(() => checkBaseUrl("https://api.example.com/?a=1"))).toMatch(/query/);
    expect(refusal(() => checkBaseUrl("https://api.example.com/#top"))).toMatch(/fragment/);
    expect(refusal(() => checkBaseUrl("not a url"))).toBe(
      "baseUrl: is not a URL (value not shown)",
    );
    for (const missing of [undefined, "", "   ", 5]) {
      expect(refusal(() => checkBaseUrl(missing))).toBe("baseUrl: is required (a URL string)");
    }
  });
});

describe("checkTimeout and checkMaxResponseBytes", () => {
  it("default when absent; whole numbers up to each limit accepted", () => {
    expect(checkTimeout(undefined)).toBe(DEFAULT_TIMEOUT_MS);
    expect(DEFAULT_TIMEOUT_MS).toBe(30_000);
    expect([checkTimeout(1), checkTimeout(2 ** 31 - 1)]).toEqual([1, 2 ** 31 - 1]);
    expect(checkMaxResponseBytes(undefined)).toBe(DEFAULT_MAX_RESPONSE_BYTES);
    expect(DEFAULT_MAX_RESPONSE_BYTES).toBe(4_194_304);
    expect([checkMaxResponseBytes(1), checkMaxResponseBytes(2 ** 29)]).toEqual([1, 2 ** 29]);
  });

  it("refuses what is not a whole number in range, naming the option", () => {
    for (const bad of [0, -1, 1.5, 2 ** 31, Number.NaN, Infinity, "100", null]) {
      expect(refusal(() => checkTimeout(bad))).toMatch(/^timeoutMs: must be a whole number/);
    }
    for (const bad of [0, -1, 1.5, 2 ** 29 + 1, Number.NaN, "100", null]) {
      expect(refusal(() => checkMaxResponseBytes(bad))).toMatch(
        /^maxResponseBytes: must be a whole number/,
      );
    }
  });
});

describe("checkFetch", () => {
  it("undefined means Node's own; a function is kept; anything else is refused", () => {
    const fetch = async () => new Response();
    expect(checkFetch(undefined)).toBeUndefined();
    expect(checkFetch(fetch)).toBe(fetch);
    expect(refusal(() => checkFetch("fetch"))).toBe("fetch: must be a function");
  });

  it("both factories know the same five option names", () => {
    expect(CLIENT_OPTION_KEYS).toEqual([
      "token",
      "baseUrl",
      "fetch",
      "timeoutMs",
      "maxResponseBytes",
    ]);
  });
});

describe("readFields", () => {
  const allowed = ["a", "b"] as const;

  it("a snapshot of the allowed own fields, on no prototype; a field left out is absent", () => {
    const fields = readFields({ a: 1 }, "options", allowed);
    expect(Object.getPrototypeOf(fields)).toBeNull();
    expect(Object.keys(fields)).toEqual(["a"]);
    expect(fields.a).toBe(1);
    expect(readFields(Object.assign(Object.create(null), { b: 2 }), "options", allowed).b).toBe(2);
  });

  it("refuses non-objects, arrays and class instances", () => {
    for (const bad of [null, undefined, 7, "a", [1]]) {
      expect(refusal(() => readFields(bad, "options", allowed))).toBe(
        "options: must be an object with a, b",
      );
    }
    expect(refusal(() => readFields(new Date(), "input", allowed))).toBe(
      "input: must be a plain object",
    );
    expect(refusal(() => readFields(Object.create({ a: 1 }), "input", allowed))).toBe(
      "input: must be a plain object",
    );
  });

  it("refuses any other own key, a symbol or __proto__ included, naming it", () => {
    expect(refusal(() => readFields({ a: 1, c: 2 }, "options", allowed))).toBe(
      "options.c: is not a known field (expected a, b)",
    );
    expect(refusal(() => readFields({ [Symbol("s")]: 1 }, "options", allowed))).toMatch(
      /^options\.Symbol\(s\): /,
    );
    expect(refusal(() => readFields(JSON.parse('{"__proto__": {}}'), "options", allowed))).toMatch(
      /^options\.__proto__: /,
    );
  });

  it("reads each field once", () => {
    let reads = 0;
    const value = {
      get a() {
        reads++;
        return reads;
      },
    };
    const fields = readFields(value, "options", allowed);
    expect([fields.a, fields.a, reads]).toEqual([1, 1, 1]);
  });
});

describe("readArray, duplicatesIn, readOptions, checkSignal", () => {
  it("readArray: a copy of every element, read once", () => {
    const source = [1, "two", { three: 3 }];
    const copy = readArray(source, "ids", "ids");
    expect(copy).toEqual(source);
    expect(copy).not.toBe(source);
    expect(readArray([], "ids", "ids")).toEqual([]);
  });

  it("readArray: refuses a non-array and names a hole by its index", () => {
    expect(refusal(() => readArray({ length: 1, 0: 1 }, "ids", "numbers"))).toBe(
      "ids: must be an array of numbers",
    );
    // biome-ignore lint/suspicious/noSparseArray: the hole is the point
    expect(refusal(() => readArray([1, , 3], "ids", "numbers"))).toBe(
      "ids[1]: is missing (a hole)",
    );
  });

  it("duplicatesIn: each repeated value once, in first-seen order", () => {
    expect(duplicatesIn([3, 1, 2, 1, 3, 1])).toEqual([1, 3]);
    expect(duplicatesIn(["a", "b"])).toEqual([]);
  });

  it("readOptions: undefined is no options; otherwise read as the field 'options'", () => {
    expect(readOptions(undefined, ["x"])).toEqual({});
    expect(readOptions({ x: 1 }, ["x"]).x).toBe(1);
    expect(refusal(() => readOptions({ y: 1 }, ["x"]))).toMatch(/^options\.y: /);
    expect(refusal(() => readOptions(null, ["x"]))).toMatch(/^options: /);
  });

  it("checkSignal: an AbortSignal or nothing", () => {
    const signal = new AbortController().signal;
    expect(checkSignal(signal)).toBe(signal);
    expect(checkSignal(undefined)).toBeUndefined();
    expect(refusal(() => checkSignal("stop"))).toBe("options.signal: must be an AbortSignal");
    expect(refusal(() => checkSignal({ aborted: true }))).toMatch(/^options\.signal: /);
  });
});
