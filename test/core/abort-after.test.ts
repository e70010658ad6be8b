// abortAfter: the attempt's signal, ended by the caller's signal or by its own timer,
// whichever comes first, and saying which. Timers are faked: no verdict rests on the clock.
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { abortAfter } from "../../src/core/abort-after.js";

beforeEach(() => {
  vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout"] });
});
afterEach(() => {
  vi.useRealTimers();
});

describe("abortAfter", () => {
  it("its own timer aborts with a TimeoutError DOMException carrying the message, and says so", () => {
    const attempt = abortAfter(undefined, 100, "attempt cap");
    vi.advanceTimersByTime(99);
    expect(attempt.signal.aborted).toBe(false);
    expect(attempt.timedOut()).toBe(false);
    vi.advanceTimersByTime(1);
    expect(attempt.signal.aborted).toBe(true);
    const reason = attempt.signal.reason as DOMException;
    expect(reason).toBeInstanceOf(DOMException);
    expect([reason.name, reason.message]).toEqual(["TimeoutError", "attempt cap"]);
    expect(attempt.timedOut()).toBe(true);
  });

  it("the caller's abort passes on the caller's reason, and is not a time-out", () => {
    const caller = new AbortController();
    const attempt = abortAfter(caller.signal, 100, "attempt cap");
    const reason = new Error("user pressed stop");
    caller.abort(reason);
    expect(attempt.signal.aborted).toBe(true);
    expect(attempt.signal.reason).toBe(reason);
    expect(attempt.timedOut()).toBe(false);
    // The timer firing later changes nothing: the first abort stands.
    vi.advanceTimersByTime(100);
    expect(attempt.signal.reason).toBe(reason);
    expect(attempt.timedOut()).toBe(false);
  });

  it("a caller's signal already aborted aborts at once, with its reason", () => {
    const caller = new AbortController();
    caller.abort("gone");
    const attempt = abortAfter(caller.signal, 100, "attempt cap");
    expect(attempt.signal.aborted).toBe(true);
    expect(attempt.signal.reason).toBe("gone");
    expect(attempt.timedOut()).toBe(false);
  });

  it("the caller aborting after the time-out leaves the time-out's reason", () => {
    const caller = new AbortController();
    const attempt = abortAfter(caller.signal, 10, "attempt cap");
    vi.advanceTimersByTime(10);
    caller.abort("too late");
    expect((attempt.signal.reason as DOMException).name).toBe("TimeoutError");
    expect(attempt.timedOut()).toBe(true);
  });

  it("onAbort is told once, with the reason; at once when the signal has already aborted", () => {
    const caller = new AbortController();
    const attempt = abortAfter(caller.signal, 100, "attempt cap");
    const told = vi.fn();
    attempt.onAbort(told);
    expect(told).not.toHaveBeenCalled();
    caller.abort("stop");
    vi.advanceTimersByTime(100);
    expect(told.mock.calls).toEqual([["stop"]]);

    const late = vi.fn();
    attempt.onAbort(late);
    expect(late.mock.calls).toEqual([["stop"]]);
  });

  it("onAbort after a time-out gets the TimeoutError", () => {
    const attempt = abortAfter(undefined, 5, "attempt cap");
    const told = vi.fn();
    attempt.onAbort(told);
    vi.advanceTimersByTime(5);
    expect(told).toHaveBeenCalledTimes(1);
    expect(told.mock.calls[0]).toEqual([expect.objectContaining({ name: "TimeoutError" })]);
  });

  it("dispose clears the timer and stops listening to the caller", () => {
    const caller = new AbortController();
    const attempt = abortAfter(caller.signal, 100, "attempt cap");
    expect(vi.getTimerCount()).toBe(1);
    attempt.dispose();
    expect(vi.getTimerCount()).toBe(0);
    caller.abort("after the work");
    vi.advanceTimersByTime(1_000);
    expect(attempt.signal.aborted).toBe(false);
    expect(attempt.timedOut()).toBe(false);
  });

  it("listens to the caller once: a listener added with { once: true }", () => {
    const caller = new AbortController();
    const add = vi.spyOn(caller.signal, "addEventListener");
    const remove = vi.spyOn(caller.signal, "removeEventListener");
    const attempt = abortAfter(caller.signal, 100, "attempt cap");
    expect(add).toHaveBeenCalledTimes(1);
    expect(add.mock.calls[0]?.[0]).toBe("abort");
    expect(add.mock.calls[0]?.[2]).toEqual({ once: true });
    attempt.dispose();
    expect(remove).toHaveBeenCalledWith("abort", add.mock.calls[0]?.[1]);
  });
});
