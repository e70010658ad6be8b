/**
 * A signal that aborts when the caller's does (with the caller's reason) or after
 * `ms` (with a DOMException named "TimeoutError"), whichever comes first. `timedOut`
 * says which one fired, from the signal itself rather than the clock: a timer can
 * fire a millisecond before `Date.now()` says its time is up. `dispose` clears the
 * timer and the listener on the caller's signal: call it once the work is over, or
 * the timer keeps the process alive until it fires.
 */
export function abortAfter(callerSignal: AbortSignal | undefined, ms: number, message: string) {
  const controller = new AbortController();
  let ownReason: DOMException | undefined;
  const onCallerAbort = () => controller.abort(callerSignal?.reason);
  const timer = setTimeout(() => {
    ownReason = new DOMException(message, "TimeoutError");
    controller.abort(ownReason);
  }, ms);
  if (callerSignal?.aborted) onCallerAbort();
  else callerSignal?.addEventListener("abort", onCallerAbort, { once: true });
  return {
    signal: controller.signal,
    /** True when our own time limit aborted the signal (not the caller, nor nothing yet). */
    timedOut: () =>
      controller.signal.aborted &&
      ownReason !== undefined &&
      controller.signal.reason === ownReason,
    dispose() {
      clearTimeout(timer);
      callerSignal?.removeEventListener("abort", onCallerAbort);
    },
  };
}
