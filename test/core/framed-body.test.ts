// framedWithinCap and framedBody on their own. framedWithinCap decides which answers
// Node's fetch bounds by itself (so they skip the counting wrapper); framedBody leaves such
// an answer as it is, its reads' failures typed, and falls back to the counting wrapper
// when the body is taken as a stream or cloned. A Content-Length that lies (the test sets
// it on a Response of its own) shows whether a read went through the counting wrapper.
import { describe, expect, it, vi } from "vitest";
import type { BodyGuard } from "../../src/core/bounded-body.js";
import { ResponseTooLargeError } from "../../src/core/errors/transport-errors.js";
import { framedBody, framedWithinCap } from "../../src/core/framed-body.js";

class ReadFailed extends Error {}

function guarded(maxResponseBytes = 10) {
  const attempt = { timedOut: () => false, onAbort: vi.fn(), dispose: vi.fn() };
  const fail = vi.fn((thrown: unknown) => new ReadFailed("read failed", { cause: thrown }));
  const guard: BodyGuard = { maxResponseBytes, attempt, fail, where: () => "POST /pay" };
  return { guard, dispose: attempt.dispose, fail };
}

const answer = (body: BodyInit | null, headers: Record<string, string>, status = 200) =>
  new Response(body, { status, headers });
/** 40 bytes under a Content-Length of 4: past a cap of 10 once counted. */
const lying = () => answer("x".repeat(40), { "content-length": "4" });
/** A body whose stream errors after a first chunk (a reset mid-body). */
const resetMidBody = (reset: Error) =>
  new ReadableStream<Uint8Array>({
    start(controller) {
      controller.enqueue(new TextEncoder().encode("{"));
      controller.error(reset);
    },
  });

describe("framedWithinCap", () => {
  const withHeaders = (headers: Record<string, string>) => answer("x", headers);

  it("a decimal Content-Length up to the cap, no encodings: framed", () => {
    expect(framedWithinCap(withHeaders({ "content-length": "10" }), 10)).toBe(true);
    expect(framedWithinCap(withHeaders({ "content-length": "0" }), 10)).toBe(true);
    expect(framedWithinCap(withHeaders({ "content-length": "999999999999999" }), 1e15)).toBe(true);
  });

  it.each([
    ["no Content-Length", {}],
    ["a length one over the cap", { "content-length": "11" }],
    ["an empty length", { "content-length": "" }],
    ["a signed length", { "content-length": "+5" }],
    ["a length with text before it", { "content-length": "x5" }],
    ["a length with text after it", { "content-length": "5x" }],
    ["a list of lengths", { "content-length": "5, 5" }],
    ["a length in exponent form", { "content-length": "5e0" }],
    ["a length of 16 digits", { "content-length": "0000000000000005" }],
    [
      "a Content-Encoding (the cap is on decoded bytes)",
      { "content-length": "5", "content-encoding": "gzip" },
    ],
    ["a Transfer-Encoding", { "content-length": "5", "transfer-encoding": "chunked" }],
  ])("%s: not framed", (_what, headers: Record<string, string>) => {
    expect(framedWithinCap(withHeaders(headers), 10)).toBe(false);
  });
});

describe("framedBody", () => {
  it("the same response, read as is; the attempt is left to end with the last byte", async () => {
    const { guard, dispose, fail } = guarded(100);
    const raw = answer('{"id":"p-1"}', { "content-length": "12" });
    const framed = framedBody(raw, guard);
    expect(framed).toBe(raw);
    expect(framed).toBeInstanceOf(Response);
    expect(framed.bodyUsed).toBe(false);
    expect(await framed.json()).toEqual({ id: "p-1" });
    expect(framed.bodyUsed).toBe(true);
    expect(dispose).not.toHaveBeenCalled();
    expect(fail).not.toHaveBeenCalled();
  });

  it.each([
    ["no body (a 204)", () => answer(null, { "content-length": "17" }, 204)],
    ["a body announced empty", () => answer("", { "content-length": "0" })],
  ])("%s: returned untouched, its attempt ended at once", async (_what, make) => {
    const { guard, dispose } = guarded();
    const raw = make();
    expect(framedBody(raw, guard)).toBe(raw);
    expect(Object.getPrototypeOf(raw)).toBe(Response.prototype);
    expect(dispose).toHaveBeenCalledTimes(1);
  });

  it("a body with a length is not ended at once", () => {
    const { guard, dispose } = guarded();
    framedBody(answer("abc", { "content-length": "3" }), guard);
    expect(dispose).not.toHaveBeenCalled();
  });

  it.each(["text", "json", "arrayBuffer", "blob", "formData"] as const)(
    "%s(): a body failing mid-read rejects with the guard's typed failure",
    async (read) => {
      const { guard, fail } = guarded(100);
      const reset = new TypeError("terminated");
      const framed = framedBody(answer(resetMidBody(reset), { "content-length": "50" }), guard);
      const error = await framed[read]().catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ReadFailed);
      expect(fail).toHaveBeenCalledTimes(1);
      expect(fail.mock.calls[0]?.[0]).toBe(reset);
    },
  );

  it("its body taken as a stream is counted: a lying length fails with ResponseTooLargeError", async () => {
    const { guard } = guarded(10);
    const framed = framedBody(lying(), guard);
    const stream = framed.body;
    expect(framed.body).toBe(stream);
    const error = await new Response(stream).text().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ResponseTooLargeError);
  });

  it("its body taken as a stream and read: bodyUsed says so, and a later read is refused", async () => {
    const { guard } = guarded(100);
    const framed = framedBody(answer("abc", { "content-length": "3" }), guard);
    const reader = (framed.body as ReadableStream<Uint8Array>).getReader();
    expect(framed.bodyUsed).toBe(false);
    await reader.read();
    expect(framed.bodyUsed).toBe(true);
    await expect(framed.text()).rejects.toThrow();
  });

  it("once cloned, the clone and the response are both counted, and both read", async () => {
    const counted = guarded(10);
    const framed = framedBody(lying(), counted.guard);
    const clone = framed.clone();
    expect(framed.bodyUsed).toBe(false);
    const [fromClone, fromOriginal] = await Promise.all([
      clone.text().catch((e: unknown) => e),
      framed.text().catch((e: unknown) => e),
    ]);
    expect(fromClone).toBeInstanceOf(ResponseTooLargeError);
    expect(fromOriginal).toBeInstanceOf(ResponseTooLargeError);

    const { guard } = guarded(100);
    const small = framedBody(answer("abc", { "content-length": "3" }), guard);
    const copy = small.clone();
    expect(await copy.text()).toBe("abc");
    // The clone read leaves the response itself unread.
    expect(small.bodyUsed).toBe(false);
    expect(await small.text()).toBe("abc");
    expect(small.bodyUsed).toBe(true);
  });

  it("its body looked at while a read holds it: the locked stream, not the wrapper", async () => {
    const { guard } = guarded(10);
    const framed = framedBody(lying(), guard);
    const reading = framed.text();
    const body = framed.body;
    expect(body?.locked).toBe(true);
    // Read as is, not counted: the read that held the body goes on.
    expect(await reading).toBe("x".repeat(40));
  });
});
