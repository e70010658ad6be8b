// redact and redactString at the edges the other redaction suites leave: several short
// secrets at once, a copy the caller can change like any object, values that are not
// objects at all.
import { describe, expect, it } from "vitest";
import { REDACTED, redact, redactString } from "../../src/core/redact.js";

describe("redacting", () => {
  it("replaces each of several short secrets, each as a whole token", () => {
    expect(redactString("codes 12 and 34 (not 1234 nor 3.4)", ["12", "34"])).toBe(
      `codes ${REDACTED} and ${REDACTED} (not 1234 nor 3.4)`,
    );
    expect(redact({ note: "pin 12, pin 34" }, ["12", "34"])).toEqual({
      note: `pin ${REDACTED}, pin ${REDACTED}`,
    });
  });

  it("gives a copy whose fields can be changed, added and deleted like any object's", () => {
    const copy = redact({ a: 1, nested: { b: "x" }, list: [1, 2] }, ["zzzz"]) as Record<
      string,
      unknown
    >;
    copy.a = 2;
    delete copy.nested;
    (copy.list as number[]).push(3);
    expect(copy).toEqual({ a: 2, list: [1, 2, 3] });
    expect(Object.getOwnPropertyDescriptor(copy, "a")).toMatchObject({
      writable: true,
      enumerable: true,
      configurable: true,
    });
  });

  it("a value that is not an object: a string is redacted, a number equal to a secret replaced, others kept", () => {
    expect(redact("token tok-secret-1 echoed", ["tok-secret-1"])).toBe(`token ${REDACTED} echoed`);
    expect(redact(4321, ["4321"])).toBe(REDACTED);
    expect(redact(4321, ["1234"])).toBe(4321);
    expect(redact(null, ["x"])).toBeNull();
    expect(redact(undefined, ["x"])).toBeUndefined();
    expect(redact(true, ["true"])).toBe(true);
  });
});
