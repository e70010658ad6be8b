// callDeadline on its own: the call's total time cap joined with the caller's signal, and
// the back-off sleep that honours both. Timers and Date are faked: no verdict on the clock.
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { callDeadline } from "../../src/core/call-deadline.js";
import { TimeoutError } from "../../src/core/errors/transport-errors.js";

beforeEach(() => {
  vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout", "Date"] });
});
afterEach(() => {
  vi.useRealTimers();
});

/** Whether `promise` has settled yet, and with what. */
function watch<T>(promise: Promise<T>) {
  const seen: { value?: T; settled: boolean } = { settled: false };
  promise.then((value) => Object.assign(seen, { value, settled: true }));
  return seen;
}

describe("callDeadline", () => {
  it("counts the time left down to the cap, and times out at it", () => {
    const call = callDeadline(undefined, 1_000);
    expect(call.remainingMs()).toBe(1_000);
    vi.advanceTimersByTime(400);
    expect(call.remainingMs()).toBe(600);
    expect(call.timedOut()).toBe(false);
    vi.advanceTimersByTime(600);
    expect(call.signal.aborted).toBe(true);
    expect(call.timedOut()).toBe(true);
    expect(call.remainingMs()).toBe(0);
    // The reason the attempts under it see (as a cause) names the cap.
    expect(call.signal.reason).toMatchObject({ name: "TimeoutError", message: "total time cap" });
  });

  it("the caller's abort ends the call with the caller's reason, not as a time-out", () => {
    const caller = new AbortController();
    const call = callDeadline(caller.signal, 1_000);
    caller.abort("user left");
    expect(call.signal.reason).toBe("user left");
    expect(call.timedOut()).toBe(false);
  });

  it("its TimeoutError carries the cap", () => {
    const error = callDeadline(undefined, 1_500).timeoutError("PATCH /rewards");
    expect(error).toBeInstanceOf(TimeoutError);
    expect(error.timeoutMs).toBe(1_500);
    expect(error.message).toMatch(/^PATCH \/rewards: /);
  });

  it("sleep resolves true once its time has passed, and leaves no timer", async () => {
    const call = callDeadline(undefined, 10_000);
    const slept = watch(call.sleep(300));
    expect(vi.getTimerCount()).toBe(2);
    await vi.advanceTimersByTimeAsync(299);
    expect(slept.settled).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    expect(slept).toEqual({ settled: true, value: true });
    // Only the cap's own timer is left, until the call is disposed.
    expect(vi.getTimerCount()).toBe(1);
    call.dispose();
  });

  it("sleep resolves false at once when the caller aborts, its timer cleared", async () => {
    const caller = new AbortController();
    const call = callDeadline(caller.signal, 10_000);
    const slept = watch(call.sleep(300));
    expect(vi.getTimerCount()).toBe(2);
    caller.abort("stop");
    await vi.advanceTimersByTimeAsync(0);
    expect(slept).toEqual({ settled: true, value: false });
    // The sleep's timer is cleared; the cap's is left until the call is disposed.
    expect(vi.getTimerCount()).toBe(1);
    call.dispose();
  });

  it("sleep resolves false when the cap ends the call first", async () => {
    const call = callDeadline(undefined, 100);
    const slept = watch(call.sleep(300));
    await vi.advanceTimersByTimeAsync(100);
    expect(slept).toEqual({ settled: true, value: false });
    expect(call.timedOut()).toBe(true);
    expect(vi.getTimerCount()).toBe(0);
  });

  it("sleep on a call already ended resolves false without waiting", async () => {
    const caller = new AbortController();
    caller.abort("gone");
    const call = callDeadline(caller.signal, 10_000);
    const slept = watch(call.sleep(300));
    await vi.advanceTimersByTimeAsync(0);
    expect(slept).toEqual({ settled: true, value: false });
  });

  it("dispose clears the cap: the call no longer times out", () => {
    const call = callDeadline(undefined, 100);
    expect(vi.getTimerCount()).toBe(1);
    call.dispose();
    expect(vi.getTimerCount()).toBe(0);
    vi.advanceTimersByTime(1_000);
    expect(call.signal.aborted).toBe(false);
  });
});
