// What each error of the package says and carries: its name, the fields toJSON and
// util.inspect show (and only those), its string form, and its cause kept out of both.
import { inspect } from "node:util";
import { describe, expect, it } from "vitest";
import { InvalidInputError } from "../../src/core/errors/invalid-input-error.js";
import { PagingError } from "../../src/core/errors/paging-error.js";
import { PayoutsError } from "../../src/core/errors/payouts-error.js";
import {
  AbortedError,
  type ClaimInfo,
  ConnectionError,
  DuplicatePayError,
  ResponseTooLargeError,
  TimeoutError,
} from "../../src/core/errors/transport-errors.js";
import { UnexpectedAnswerError } from "../../src/core/errors/unexpected-answer-error.js";

/** The fields inspect prints after the stack: the text after the stack's last frame. */
const inspectedDetails = (error: Error) => {
  const text = inspect(error);
  expect(text.startsWith(`${error.stack}\n`)).toBe(true);
  return text.slice(`${error.stack}\n`.length);
};

describe("PayoutsError, the base of them all", () => {
  it("is named, prints as 'name: message', and shows no field besides name and message", () => {
    const error = new PayoutsError("went wrong");
    expect(error).toBeInstanceOf(Error);
    expect(error.name).toBe("PayoutsError");
    expect(String(error)).toBe("PayoutsError: went wrong");
    expect(error.toJSON()).toStrictEqual({ name: "PayoutsError", message: "went wrong" });
    expect(JSON.parse(JSON.stringify(error))).toStrictEqual(error.toJSON());
    expect(inspectedDetails(error)).toBe("{}");
  });

  it("inspect shows the stack with its frames, or the name and message when there is no stack", () => {
    const error = new PayoutsError("went wrong");
    expect(inspect(error)).toMatch(/^PayoutsError: went wrong\n\s+at /);
    error.stack = undefined;
    expect(inspect(error)).toBe("PayoutsError: went wrong\n{}");
  });

  it("keeps a cause reachable but out of JSON and inspect; no cause given: none at all", () => {
    const cause = { secretHolder: "platform internals" };
    const error = new PayoutsError("failed", { cause });
    expect(error.cause).toBe(cause);
    expect(Object.keys(error)).not.toContain("cause");
    expect(JSON.stringify(error)).not.toContain("platform internals");
    expect(inspect(error)).not.toContain("platform internals");
    expect("cause" in new PayoutsError("plain")).toBe(false);
    expect("cause" in new PayoutsError("plain", {})).toBe(false);
  });
});

describe("each error's own fields, in toJSON and in inspect", () => {
  it("TimeoutError: timeoutMs", () => {
    const error = new TimeoutError("slow", 250, { cause: new Error("under") });
    expect(error.name).toBe("TimeoutError");
    expect(error.toJSON()).toStrictEqual({ name: "TimeoutError", message: "slow", timeoutMs: 250 });
    expect(inspectedDetails(error)).toBe("{ timeoutMs: 250 }");
    expect((error.cause as Error).message).toBe("under");
  });

  it("ConnectionError: code and requestMayHaveBeenSent", () => {
    const error = new ConnectionError("reset", "ECONNRESET", true);
    expect(error.name).toBe("ConnectionError");
    expect(error.toJSON()).toStrictEqual({
      name: "ConnectionError",
      message: "reset",
      code: "ECONNRESET",
      requestMayHaveBeenSent: true,
    });
    expect(inspectedDetails(error)).toBe("{ code: 'ECONNRESET', requestMayHaveBeenSent: true }");
  });

  it("AbortedError: a name, no other field", () => {
    const error = new AbortedError("stopped");
    expect(error.name).toBe("AbortedError");
    expect(error.toJSON()).toStrictEqual({ name: "AbortedError", message: "stopped" });
  });

  it("ResponseTooLargeError: maxResponseBytes", () => {
    const error = new ResponseTooLargeError("too big", 1024);
    expect(error.name).toBe("ResponseTooLargeError");
    expect(error.toJSON()).toStrictEqual({
      name: "ResponseTooLargeError",
      message: "too big",
      maxResponseBytes: 1024,
    });
    expect(inspectedDetails(error)).toBe("{ maxResponseBytes: 1024 }");
  });

  it("PagingError: page and yielded", () => {
    const error = new PagingError("repeats", 3, 40);
    expect(error.name).toBe("PagingError");
    expect([error.page, error.yielded]).toEqual([3, 40]);
    expect(error.toJSON()).toStrictEqual({
      name: "PagingError",
      message: "repeats",
      page: 3,
      yielded: 40,
    });
    expect(inspectedDetails(error)).toBe("{ page: 3, yielded: 40 }");
  });

  it("UnexpectedAnswerError: status and rewardIds ([] when none are concerned)", () => {
    const error = new UnexpectedAnswerError("odd", 200, [7, 9]);
    expect(error.name).toBe("UnexpectedAnswerError");
    expect(error.toJSON()).toStrictEqual({
      name: "UnexpectedAnswerError",
      message: "odd",
      status: 200,
      rewardIds: [7, 9],
    });
    expect(inspectedDetails(error)).toBe("{ status: 200, rewardIds: [ 7, 9 ] }");
    expect(new UnexpectedAnswerError("odd", 204).rewardIds).toStrictEqual([]);
  });

  it("InvalidInputError: field, and the message starts with it", () => {
    const error = new InvalidInputError("options.ids[2]", "is missing");
    expect(error.name).toBe("InvalidInputError");
    expect(error.field).toBe("options.ids[2]");
    expect(error.message).toBe("options.ids[2]: is missing");
    expect(error.toJSON()).toStrictEqual({
      name: "InvalidInputError",
      message: "options.ids[2]: is missing",
      field: "options.ids[2]",
    });
    expect(inspectedDetails(error)).toBe("{ field: 'options.ids[2]' }");
  });
});

describe("DuplicatePayError", () => {
  const claim: ClaimInfo = {
    claimedAt: "2026-11-22T08:00:00.000Z",
    host: "worker-1",
    pid: 4242,
    ledger: "file /var/payouts",
  };

  it("in this client: id and previous, no claim key at all", () => {
    const error = new DuplicatePayError("pay-1", "in-flight");
    expect(error.name).toBe("DuplicatePayError");
    expect(error.claim).toBeUndefined();
    expect(error.message).toContain('"pay-1" is already in-flight in this client');
    expect(error.message).toContain("{ payAgain: true }");
    expect(error.toJSON()).toStrictEqual({
      name: "DuplicatePayError",
      message: error.message,
      id: "pay-1",
      previous: "in-flight",
    });
    expect(Object.keys(error.toJSON())).toEqual(["name", "message", "id", "previous"]);
    expect(inspectedDetails(error)).toBe("{ id: 'pay-1', previous: 'in-flight' }");
  });

  it("in a shared ledger: who claimed it, where and when, in the message and as claim", () => {
    const error = new DuplicatePayError("pay-2", "accepted", claim);
    expect(error.message).toContain('"pay-2" is already accepted in the pay ledger');
    expect(error.message).toContain(
      'file /var/payouts; claimed 2026-11-22T08:00:00.000Z by host "worker-1", process 4242',
    );
    expect(error.message).toContain("npx payouts-ledger reconcile <id>");
    expect(error.toJSON()).toStrictEqual({
      name: "DuplicatePayError",
      message: error.message,
      id: "pay-2",
      previous: "accepted",
      claim,
    });
    expect(inspectedDetails(error)).toContain("claim: {");
  });

  it("resolved with a verdict: the message says how", () => {
    const error = new DuplicatePayError("pay-3", "resolved", { ...claim, verdict: "partly paid" });
    expect(error.message).toContain('"pay-3" is already resolved as partly paid in the pay ledger');
    const noVerdict = new DuplicatePayError("pay-3", "resolved", claim);
    expect(noVerdict.message).toContain('"pay-3" is already resolved in the pay ledger');
  });
});
