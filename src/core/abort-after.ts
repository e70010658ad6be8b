/**
 * A signal that aborts when the caller's does (with the caller's reason) or after
 * `ms` (with a DOMException named "TimeoutError"), whichever comes first. `dispose`
 * clears the timer and the listener on the caller's signal: call it once the work
 * is over, or the timer keeps the process alive until it fires.
 */
export function abortAfter(callerSignal: AbortSignal | undefined, ms: number, message: string) {
  const controller = new AbortController();
  const onCallerAbort = () => controller.abort(callerSignal?.reason);
  const timer = setTimeout(() => controller.abort(new DOMException(message, "TimeoutError")), ms);
  if (callerSignal?.aborted) onCallerAbort();
  else callerSignal?.addEventListener("abort", onCallerAbort, { once: true });
  return {
    signal: controller.signal,
    dispose() {
      clearTimeout(timer);
      callerSignal?.removeEventListener("abort", onCallerAbort);
    },
  };
}
