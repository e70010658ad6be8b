// redact and redactString: what is replaced in an untrusted value (values under secret
// keys, numbers equal to a secret, every occurrence of a long secret, a short one only as
// a whole token), and the copy's shape (arrays, cycles, depth, a "__proto__" key).
import { describe, expect, it } from "vitest";
import { isSecretKey, REDACTED, redact, redactString, TOO_DEEP } from "../../src/core/redact.js";

describe("isSecretKey", () => {
  it("names holding a secret whatever their value, in any casing", () => {
    for (const key of [
      "passcode",
      "Password",
      "access_token",
      "Authorization",
      "client_secret",
      "api-key",
      "api_key",
      "APIKEY",
    ]) {
      expect(isSecretKey(key)).toBe(true);
    }
    for (const key of ["amount", "id", "pass", "api key", "author"])
      expect(isSecretKey(key)).toBe(false);
  });
});

describe("redactString", () => {
  it("a secret of 4 characters or more, wherever it occurs", () => {
    expect(redactString("xabcdx and abcd", ["abcd"])).toBe(`x${REDACTED}x and ${REDACTED}`);
  });

  it("a shorter one only as a whole token, not inside a word or a number", () => {
    expect(redactString("code 7. is 7", ["7"])).toBe(`code ${REDACTED}. is ${REDACTED}`);
    for (const text of ["1.75", "4175", "a7", "7a", "7_", "_7", "7.5", "x.7"]) {
      expect(redactString(text, ["7"])).toBe(text);
    }
    expect(redactString("abc xabcx", ["abc"])).toBe(`${REDACTED} xabcx`);
  });

  it("a short secret's regex characters are literal", () => {
    expect(redactString("axb a.b", ["a.b"])).toBe(`axb ${REDACTED}`);
    expect(redactString("(1) 1", ["(1)"])).toBe(`${REDACTED} 1`);
  });

  it("empty and non-string secrets are ignored; no secret present: the same text", () => {
    expect(redactString("abc", ["", 5 as never, "zzzz"])).toBe("abc");
    expect(redactString("a 12 b", [12 as never, "12"])).toBe(`a ${REDACTED} b`);
  });
});

describe("redact", () => {
  it("values under secret keys, strings holding a secret, numbers equal to one", () => {
    const body = {
      token: "anything",
      nested: { Authorization: 42, note: "said tok-secret-1 twice: tok-secret-1" },
      pin: 1234,
      other: 12345,
      negative: -77,
      flag: true,
      nothing: null,
    };
    expect(redact(body, ["tok-secret-1", "1234", "-77"])).toStrictEqual({
      token: REDACTED,
      nested: { Authorization: REDACTED, note: `said ${REDACTED} twice: ${REDACTED}` },
      pin: REDACTED,
      other: 12345,
      negative: REDACTED,
      flag: true,
      nothing: null,
    });
  });

  it("an empty secret, or one that is not a string, is ignored, never an error", () => {
    expect(redact({ a: "x - y", n: 5 }, ["", ["abcd"] as never, 5 as never])).toStrictEqual({
      a: "x - y",
      n: 5,
    });
  });

  it("a number is not a secret unless the secret is a whole number", () => {
    expect(redact({ n: 1.5 }, ["1.5"])).toStrictEqual({ n: 1.5 });
  });

  it("a secret inside a key is replaced in the key", () => {
    expect(redact({ "id zz-private-99": "v" }, ["zz-private-99"])).toStrictEqual({
      [`id ${REDACTED}`]: "v",
    });
  });

  it("primitives on their own", () => {
    expect(redact("x tok-secret-1", ["tok-secret-1"])).toBe(`x ${REDACTED}`);
    expect(redact(1234, ["1234"])).toBe(REDACTED);
    expect(redact(undefined, ["1234"])).toBeUndefined();
    expect(redact(null)).toBeNull();
    expect(redact({ a: "1234" })).toStrictEqual({ a: "1234" });
  });

  it("arrays stay arrays; the copy is new; a __proto__ key stays a plain key", () => {
    const source = { list: [1, "tok-secret-1", [2]] };
    const copy = redact(source, ["tok-secret-1"]);
    expect(Array.isArray(copy.list)).toBe(true);
    expect(copy).toStrictEqual({ list: [1, REDACTED, [2]] });
    expect(copy).not.toBe(source);
    expect(copy.list).not.toBe(source.list);
    const hostile = redact(JSON.parse('{"__proto__": {"polluted": true}}'));
    expect(Object.getPrototypeOf(hostile)).toBe(Object.prototype);
    expect(Object.keys(hostile)).toEqual(["__proto__"]);
    expect(hostile.polluted).toBeUndefined();
  });

  it("a cycle becomes [Circular]", () => {
    const cyclic: Record<string, unknown> = { a: 1 };
    cyclic.self = cyclic;
    expect(redact(cyclic)).toStrictEqual({ a: 1, self: "[Circular]" });
  });

  it("parts nested deeper than 64 levels become a marker; 100 000 levels do not overflow", () => {
    const nest = (depth: number) => {
      let value: unknown = "leaf";
      for (let i = 0; i < depth; i++) value = { next: value };
      return value;
    };
    const depthOf = (value: unknown) => {
      let depth = 0;
      let at = value;
      while (typeof at === "object" && at !== null) {
        at = (at as { next: unknown }).next;
        depth++;
      }
      return { depth, at };
    };
    expect(depthOf(redact(nest(64)))).toEqual({ depth: 64, at: "leaf" });
    expect(depthOf(redact(nest(65)))).toEqual({ depth: 64, at: TOO_DEEP });
    expect(depthOf(redact(nest(100_000)))).toEqual({ depth: 64, at: TOO_DEEP });
  });
});
