// boundedBody on its own: the body read chunk by chunk under the attempt and the size cap.
// The attempt is a real abortAfter on fake timers, so "disposed" shows as its timer gone;
// the source is a stream the test drives, so what was read and cancelled is seen.
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { abortAfter } from "../../src/core/abort-after.js";
import { type BodyGuard, boundedBody } from "../../src/core/bounded-body.js";
import { ResponseTooLargeError } from "../../src/core/errors/transport-errors.js";

beforeEach(() => {
  vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout"] });
});
afterEach(() => {
  vi.useRealTimers();
});

class ReadFailed extends Error {}

/** A guard over a real attempt (its own 1 s timer, the caller's signal), counting disposals. */
function guarded(maxResponseBytes: number, caller?: AbortSignal) {
  const attempt = abortAfter(caller, 1_000, "attempt cap");
  const dispose = vi.spyOn(attempt, "dispose");
  const fail = vi.fn((thrown: unknown) => new ReadFailed("read failed", { cause: thrown }));
  const guard: BodyGuard = { maxResponseBytes, attempt, fail, where: () => "GET /rewards" };
  return { guard, attempt, dispose, fail };
}

/** A source the test feeds by hand, recording how often it was pulled and how it was cancelled. */
function source() {
  let controller!: ReadableStreamDefaultController<Uint8Array>;
  const pulls = vi.fn();
  const cancelled = vi.fn();
  const stream = new ReadableStream<Uint8Array>(
    {
      start(c) {
        controller = c;
      },
      pull: pulls,
      cancel: cancelled,
    },
    { highWaterMark: 0 },
  );
  const bytes = (text: string) => controller.enqueue(new TextEncoder().encode(text));
  return { stream, pulls, cancelled, bytes, close: () => controller.close(), controller };
}

const answer = (body: ReadableStream<Uint8Array> | null, headers: Record<string, string> = {}) =>
  new Response(body, { status: 200, statusText: "OK", headers });

const settle = () => vi.advanceTimersByTimeAsync(0);

describe("boundedBody", () => {
  it("passes the body through, with the status, headers and URL, and ends the attempt at its end", async () => {
    const { guard, dispose } = guarded(100);
    const raw = answer(new Blob(['{"ok":true}']).stream(), { "x-request-id": "r-1" });
    Object.defineProperty(raw, "url", { value: "http://127.0.0.1:1/rewards" });
    const response = boundedBody(raw, guard);
    expect(response).not.toBe(raw);
    expect([response.status, response.statusText, response.headers.get("x-request-id")]).toEqual([
      200,
      "OK",
      "r-1",
    ]);
    expect(response.url).toBe("http://127.0.0.1:1/rewards");
    expect(vi.getTimerCount()).toBe(1);
    expect(await response.json()).toEqual({ ok: true });
    expect(vi.getTimerCount()).toBe(0);
    expect(dispose).toHaveBeenCalledTimes(1);
  });

  it("a body of exactly maxResponseBytes is read; one byte more fails, counted over chunks", async () => {
    const exact = guarded(6);
    const fits = source();
    const read = boundedBody(answer(fits.stream), exact.guard).text();
    await settle();
    fits.bytes("abc");
    fits.bytes("def");
    fits.close();
    expect(await read).toBe("abcdef");

    const over = guarded(6);
    const big = source();
    const failed = boundedBody(answer(big.stream), over.guard)
      .text()
      .catch((e: unknown) => e);
    await settle();
    big.bytes("abc");
    big.bytes("defg");
    const error = await failed;
    expect(error).toBeInstanceOf(ResponseTooLargeError);
    expect((error as ResponseTooLargeError).maxResponseBytes).toBe(6);
    expect((error as Error).message).toMatch(/^GET \/rewards: /);
    // Not read further: the source is cancelled (the connection let go) and the attempt ends.
    expect(big.cancelled).toHaveBeenCalledTimes(1);
    expect(vi.getTimerCount()).toBe(0);
    expect(over.dispose).toHaveBeenCalledTimes(1);
    expect(over.fail).not.toHaveBeenCalled();
  });

  it("reads nothing ahead of the reader when the body is not announced empty", async () => {
    const { guard } = guarded(100);
    const body = source();
    const response = boundedBody(answer(body.stream, { "content-length": "5" }), guard);
    await settle();
    expect(body.pulls).not.toHaveBeenCalled();
    const read = response.text();
    await settle();
    expect(body.pulls).toHaveBeenCalled();
    body.bytes("hello");
    body.close();
    expect(await read).toBe("hello");
  });

  it("an answer announced empty is read to its end at once: the attempt ends without a reader", async () => {
    const { guard, dispose } = guarded(100);
    const body = source();
    const response = boundedBody(answer(body.stream, { "content-length": "0" }), guard);
    await settle();
    expect(body.pulls).toHaveBeenCalled();
    body.close();
    await settle();
    expect(vi.getTimerCount()).toBe(0);
    expect(dispose).toHaveBeenCalledTimes(1);
    expect(await response.text()).toBe("");
  });

  it("an answer with no body is returned as it is, its attempt ended", () => {
    const { guard, dispose } = guarded(100);
    const raw = new Response(null, { status: 204 });
    expect(boundedBody(raw, guard)).toBe(raw);
    expect(vi.getTimerCount()).toBe(0);
    expect(dispose).toHaveBeenCalledTimes(1);
  });

  it("the attempt's deadline errors a stalled read with the guard's typed failure", async () => {
    const { guard, fail, dispose } = guarded(100);
    const body = source();
    const read = boundedBody(answer(body.stream), guard)
      .text()
      .catch((e: unknown) => e);
    await settle();
    body.bytes("{");
    await vi.advanceTimersByTimeAsync(1_000);
    const error = await read;
    expect(error).toBeInstanceOf(ReadFailed);
    expect(fail).toHaveBeenCalledTimes(1);
    expect(fail.mock.calls[0]).toEqual([expect.objectContaining({ name: "TimeoutError" })]);
    expect(body.cancelled).toHaveBeenCalledTimes(1);
    expect(dispose).toHaveBeenCalledTimes(1);
  });

  it("the caller's abort while a read waits: the guard's failure with the caller's reason, the attempt ended once", async () => {
    const caller = new AbortController();
    const { guard, fail, dispose } = guarded(100, caller.signal);
    const body = source();
    const read = boundedBody(answer(body.stream), guard)
      .text()
      .catch((e: unknown) => e);
    await settle();
    caller.abort("user left");
    const error = await read;
    await settle();
    expect(error).toBeInstanceOf(ReadFailed);
    expect(fail.mock.calls).toEqual([["user left"]]);
    expect(body.cancelled).toHaveBeenCalledTimes(1);
    expect(vi.getTimerCount()).toBe(0);
    expect(dispose).toHaveBeenCalledTimes(1);
  });

  it("a source that errors mid-body: the guard's typed failure, with what the source threw", async () => {
    const { guard, fail, dispose } = guarded(100);
    const body = source();
    const read = boundedBody(answer(body.stream), guard)
      .text()
      .catch((e: unknown) => e);
    await settle();
    body.bytes("{");
    const reset = new TypeError("terminated");
    body.controller.error(reset);
    const error = await read;
    expect(error).toBeInstanceOf(ReadFailed);
    expect((error as Error).cause).toBe(reset);
    expect(fail.mock.calls).toEqual([[reset]]);
    expect(vi.getTimerCount()).toBe(0);
    expect(dispose).toHaveBeenCalledTimes(1);
  });

  it("the reader cancelling the body cancels the source with its reason and ends the attempt", async () => {
    const { guard, dispose, fail } = guarded(100);
    const body = source();
    const response = boundedBody(answer(body.stream), guard);
    await response.body?.cancel("not needed");
    expect(body.cancelled).toHaveBeenCalledWith("not needed");
    expect(vi.getTimerCount()).toBe(0);
    expect(dispose).toHaveBeenCalledTimes(1);
    expect(fail).not.toHaveBeenCalled();
  });
});
