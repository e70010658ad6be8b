// classifyFailure: whatever fetch (or reading a body) threw, as a typed error that says
// whether the request may have left, with the client's secrets redacted; and
// redactMessage, which clears a secret from an error's message and stack.
import { inspect } from "node:util";
import { describe, expect, it } from "vitest";
import { classifyFailure, redactMessage } from "../../src/core/errors/classify-failure.js";
import { PayoutsError } from "../../src/core/errors/payouts-error.js";
import {
  AbortedError,
  ConnectionError,
  TimeoutError,
} from "../../src/core/errors/transport-errors.js";

const TOKEN = "tok-abcdef123456";
const where = "GET /api/v1/studies/";

/** A fetch failure as undici throws it: a TypeError whose cause carries the code. */
const fetchFailed = (code: string, message = `connect ${code} 127.0.0.1:9`) =>
  Object.assign(new TypeError("fetch failed"), {
    cause: Object.assign(new Error(message), { code }),
  });

describe("classifyFailure: the signal that ended the attempt decides first", () => {
  it("the caller's abort is an AbortedError, whatever was thrown", () => {
    const thrown = fetchFailed("ECONNRESET");
    const error = classifyFailure(thrown, where, [], "aborted", 500);
    expect(error).toBeInstanceOf(AbortedError);
    expect(error.message).toBe(`${where}: aborted by the caller`);
    expect(error.cause).toBe(thrown);
  });

  it("the time-out is a TimeoutError carrying timeoutMs", () => {
    const thrown = new DOMException("cap", "TimeoutError");
    const error = classifyFailure(thrown, where, [], "timeout", 500) as TimeoutError;
    expect(error).toBeInstanceOf(TimeoutError);
    expect(error.message).toBe(`${where}: no complete answer within 500 ms`);
    expect(error.timeoutMs).toBe(500);
    expect(error.cause).toBe(thrown);
  });

  it("a PayoutsError passes through as it is, even when a signal ended the attempt", () => {
    const own = new PayoutsError("already typed");
    expect(classifyFailure(own, where, [], "aborted")).toBe(own);
    expect(classifyFailure(own, where, [], undefined)).toBe(own);
  });
});

describe("classifyFailure: a connection failure", () => {
  it.each(["ECONNREFUSED", "ENOTFOUND", "EAI_AGAIN", "ENETUNREACH", "EHOSTUNREACH"])(
    "%s proves nothing was sent",
    (code) => {
      const thrown = fetchFailed(code);
      const error = classifyFailure(thrown, where, [], undefined) as ConnectionError;
      expect(error).toBeInstanceOf(ConnectionError);
      expect([error.code, error.requestMayHaveBeenSent]).toEqual([code, false]);
      expect(error.message).toBe(
        `${where}: connection failed (${code}): connect ${code} 127.0.0.1:9`,
      );
      expect(error.cause).toBe(thrown);
    },
  );

  it("any other code, or none, may have sent the request", () => {
    const reset = classifyFailure(
      fetchFailed("ECONNRESET"),
      where,
      [],
      undefined,
    ) as ConnectionError;
    expect([reset.code, reset.requestMayHaveBeenSent]).toEqual(["ECONNRESET", true]);
    const none = classifyFailure(
      new Error("socket hang up"),
      where,
      [],
      undefined,
    ) as ConnectionError;
    expect([none.code, none.requestMayHaveBeenSent]).toEqual([undefined, true]);
    expect(none.message).toBe(`${where}: connection failed (no code): socket hang up`);
  });

  it("the code and message of the thrown value itself when it has no cause", () => {
    const thrown = Object.assign(new Error("refused here"), { code: "ECONNREFUSED" });
    const error = classifyFailure(thrown, where, [], undefined) as ConnectionError;
    expect([error.code, error.requestMayHaveBeenSent]).toEqual(["ECONNREFUSED", false]);
    expect(error.message).toBe(`${where}: connection failed (ECONNREFUSED): refused here`);
  });

  it("a code that is not a string is no code; the cause's code wins over the error's", () => {
    const numeric = classifyFailure({ message: "odd", code: 111 }, where, [], undefined);
    expect((numeric as ConnectionError).code).toBeUndefined();
    const both = { code: "EPIPE", message: "outer", cause: { code: "ECONNREFUSED", message: 5 } };
    const error = classifyFailure(both, where, [], undefined) as ConnectionError;
    expect(error.code).toBe("ECONNREFUSED");
    // The cause's message is not a string: the outer one is shown.
    expect(error.message).toBe(`${where}: connection failed (ECONNREFUSED): outer`);
  });

  it("describes any thrown value at all", () => {
    const detail = (thrown: unknown) =>
      classifyFailure(thrown, where, [], undefined).message.replace(
        `${where}: connection failed (no code): `,
        "",
      );
    expect(detail("plain text")).toBe("plain text");
    expect(detail(null)).toBe("a thrown null that is not an Error");
    expect(detail(undefined)).toBe("a thrown undefined that is not an Error");
    expect(detail(42)).toBe("a thrown number that is not an Error");
    expect(detail({ message: 7 })).toBe("a thrown object that is not an Error");
    expect(detail(Object.create(null))).toBe("a thrown object that is not an Error");
    const hostile = new Proxy(
      {},
      {
        get() {
          throw new Error("trap");
        },
        getPrototypeOf() {
          throw new Error("trap");
        },
      },
    );
    expect(detail(hostile)).toBe("a thrown value that could not be read");
  });

  it("redacts the secrets before cutting the detail at 300 characters", () => {
    const long = `${"a".repeat(295)}${TOKEN}${"b".repeat(50)}`;
    const error = classifyFailure(new Error(long), where, [TOKEN], undefined);
    expect(error.message).toBe(
      `${where}: connection failed (no code): ${`${"a".repeat(295)}[REDACTED]`.slice(0, 300)}`,
    );
    const short = classifyFailure(new Error(`x${"c".repeat(400)}`), where, [], undefined);
    expect(short.message.endsWith(`x${"c".repeat(299)}`)).toBe(true);
  });
});

describe("redactMessage", () => {
  it("a PayoutsError passing through classifyFailure loses the secret from message and stack", () => {
    const own = new PayoutsError(`server said ${TOKEN}`);
    // Read once before, as a logger would: V8 then keeps the stack text as it was.
    expect(own.stack).toContain(TOKEN);
    const error = classifyFailure(own, where, [TOKEN], undefined);
    expect(error).toBe(own);
    expect(error.message).toBe("server said [REDACTED]");
    expect(error.stack).toMatch(/^PayoutsError: server said \[REDACTED\]\n\s+at /);
    expect(inspect(error)).not.toContain(TOKEN);
  });

  it("an error without a stack keeps none, and still prints its name and message", () => {
    const error = new PayoutsError(`server said ${TOKEN}`);
    error.stack = undefined;
    redactMessage(error, [TOKEN]);
    expect(error.stack).toBeUndefined();
    expect(inspect(error)).toBe("PayoutsError: server said [REDACTED]\n{}");
  });

  it("an error without a secret is left as it was", () => {
    const error = new Error("nothing to hide");
    const stack = error.stack;
    expect(redactMessage(error, [TOKEN])).toBe(error);
    expect([error.message, error.stack]).toEqual(["nothing to hide", stack]);
  });
});
