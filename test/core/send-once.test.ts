// sendOnce and readOnce on their own, over a scripted typed-client call: what the call is
// given, what comes back for each kind of answer, and which failures are values or throws.
import { describe, expect, it, vi } from "vitest";
import { ApiError, NotFoundError } from "../../src/core/errors/api-error.js";
import {
  AbortedError,
  ConnectionError,
  TimeoutError,
} from "../../src/core/errors/transport-errors.js";
import { readOnce } from "../../src/core/read-once.js";
import { type SendInit, sendOnce } from "../../src/core/send-once.js";
import { CALL_CONTEXT } from "../../src/core/sourced-request.js";

const WHERE = "GET /rewards";
const SECRET = "tok-3f9a8b7c6d5e";
type Result = { data?: unknown; error?: unknown; response: Response };

/** A call that answers with `result`, recording the init it was given. */
function answering(result: Result) {
  return vi.fn(async (_init: SendInit) => result);
}
const response = (status: number) => new Response(null, { status });

describe("sendOnce", () => {
  it("asks for the body as text, passes the caller's signal and a call context", async () => {
    const call = answering({ data: "", response: response(200) });
    const signal = new AbortController().signal;
    await sendOnce(call, WHERE, [], signal);
    const init = call.mock.calls[0]?.[0] as SendInit;
    expect(init.parseAs).toBe("text");
    expect(init.signal).toBe(signal);
    expect(typeof init[CALL_CONTEXT].onResponse).toBe("function");
  });

  it.each([
    ["JSON text", '{"id":7}', { id: 7 }],
    ["JSON that is a string", '"being processed"', "being processed"],
    ["text that is not JSON", "being processed", "being processed"],
    ["an empty body", "", undefined],
    ["no text at all", undefined, undefined],
    // The typed client gives text or nothing; any other value is no body, never parsed.
    ["a value that is not text", null, undefined],
  ])("a 2xx with %s: the body as parsed", async (_what, data, body) => {
    const ok = response(200);
    const answer = await sendOnce(answering({ data, response: ok }), WHERE, []);
    expect(answer).toEqual({ response: ok, body });
  });

  it.each([
    ["the parsed error body", { detail: "no" }, { detail: "no" }],
    ["an empty body as undefined", "", undefined],
    ["no body as undefined", undefined, undefined],
  ])("an error status: %s", async (_what, error, body) => {
    const notFound = response(404);
    const answer = await sendOnce(
      answering({ error, data: "ignored", response: notFound }),
      WHERE,
      [],
    );
    expect(answer).toEqual({ response: notFound, body });
  });

  it("a call that throws before any answer: the typed failure as a value, secrets redacted", async () => {
    const reset = Object.assign(new Error(`socket hang up near ${SECRET}`), { code: "ECONNRESET" });
    const failure = await sendOnce(
      async () => {
        throw reset;
      },
      WHERE,
      [SECRET],
    );
    expect(failure).toBeInstanceOf(ConnectionError);
    expect((failure as ConnectionError).message).toMatch(/^GET \/rewards: /);
    expect((failure as ConnectionError).message).not.toContain(SECRET);
    expect((failure as ConnectionError).cause).toBe(reset);
  });

  it("a throw after the caller aborted is AbortedError, not a connection failure", async () => {
    const controller = new AbortController();
    controller.abort("stop");
    const failure = await sendOnce(
      async () => {
        throw new Error("middleware threw");
      },
      WHERE,
      [],
      controller.signal,
    );
    expect(failure).toBeInstanceOf(AbortedError);
  });

  it("a typed failure thrown by the transport passes through as it is", async () => {
    const timeout = new TimeoutError("GET /rewards: no complete answer within 5 ms", 5);
    const failure = await sendOnce(
      async () => {
        throw timeout;
      },
      WHERE,
      [],
    );
    expect(failure).toBe(timeout);
  });

  it("a throw after the status came in: the answer, no body, the failure beside it", async () => {
    const headers = response(200);
    const timeout = new TimeoutError("GET /rewards: no complete answer within 5 ms", 5);
    const answer = await sendOnce(
      async (init) => {
        init[CALL_CONTEXT].onResponse?.(headers);
        throw timeout;
      },
      WHERE,
      [],
    );
    expect(answer).toEqual({ response: headers, body: undefined, bodyFailure: timeout });
  });
});

const isId = (body: unknown): body is { id: number } =>
  typeof body === "object" && body !== null && typeof (body as { id?: unknown }).id === "number";

describe("readOnce", () => {
  it("a 2xx whose body is accepted: the body and the response", async () => {
    const ok = response(200);
    const read = await readOnce(
      answering({ data: '{"id":1}', response: ok }),
      WHERE,
      [],
      undefined,
      isId,
    );
    expect(read).toEqual({ body: { id: 1 }, response: ok });
  });

  it("a 2xx whose body is not what the spec says: ApiError carrying the body", async () => {
    const error = await readOnce(
      answering({ data: '{"id":"one"}', response: response(200) }),
      WHERE,
      [],
      undefined,
      isId,
    ).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).status).toBe(200);
    expect((error as ApiError).body).toEqual({ id: "one" });
  });

  it("an error status throws its ApiError, even when its body would be accepted", async () => {
    const error = await readOnce(
      answering({ error: { id: 1 }, response: response(404) }),
      WHERE,
      [],
      undefined,
      isId,
    ).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NotFoundError);
    expect((error as ApiError).body).toEqual({ id: 1 });
  });

  it("no answer at all: throws the typed failure", async () => {
    const error = await readOnce(
      async () => {
        throw Object.assign(new Error("refused"), { code: "ECONNREFUSED" });
      },
      WHERE,
      [],
      undefined,
      isId,
    ).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConnectionError);
    expect((error as ConnectionError).requestMayHaveBeenSent).toBe(false);
  });

  it("a body that failed half-way: throws that failure, not an ApiError", async () => {
    const timeout = new TimeoutError("GET /rewards: no complete answer within 5 ms", 5);
    const error = await readOnce(
      async (init) => {
        init[CALL_CONTEXT].onResponse?.(response(200));
        throw timeout;
      },
      WHERE,
      [],
      undefined,
      isId,
    ).catch((e: unknown) => e);
    expect(error).toBe(timeout);
  });
});
