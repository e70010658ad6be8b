/**
 * A signal that aborts when the caller's does (with the caller's reason) or after
 * `ms` (with a DOMException named "TimeoutError"), whichever comes first. `timedOut`
 * says which one fired, from the signal itself rather than the clock: a timer can
 * fire a millisecond before `Date.now()` says its time is up. `dispose` clears the
 * timer and the listener on the caller's signal: call it once the work is over, or
 * the timer keeps the process alive until it fires.
 */
export function abortAfter(
  callerSignal: AbortSignal | undefined,
  ms: number,
  message: string,
): Attempt & { signal: AbortSignal } {
  const controller = new AbortController();
  let ownReason: DOMException | undefined;
  // The owner's one handler, called straight from here: cheaper than a listener on our
  // own signal, which Node's EventTarget makes costly to add and remove on every call.
  let handler: ((reason: unknown) => void) | undefined;
  const abort = (reason: unknown) => {
    if (controller.signal.aborted) return;
    controller.abort(reason);
    handler?.(controller.signal.reason);
  };
  const onCallerAbort = () => abort(callerSignal?.reason);
  const timer = setTimeout(() => {
    ownReason = new DOMException(message, "TimeoutError");
    abort(ownReason);
  }, ms);
  if (callerSignal?.aborted) onCallerAbort();
  else callerSignal?.addEventListener("abort", onCallerAbort, { once: true });
  return {
    signal: controller.signal,
    /** True when our own time limit aborted the signal (not the caller, nor nothing yet). */
    timedOut: () => ownReason !== undefined && controller.signal.reason === ownReason,
    /** Calls `onAbort` with the reason once the signal aborts (at once if it has). One at a time. */
    onAbort(onAbort: (reason: unknown) => void) {
      handler = onAbort;
      if (controller.signal.aborted) onAbort(controller.signal.reason);
    },
    dispose() {
      clearTimeout(timer);
      callerSignal?.removeEventListener("abort", onCallerAbort);
    },
  };
}

/** What a body wrapper needs of the attempt it reads under. */
export interface Attempt {
  /** True when the attempt's own time limit ended it (not the caller, nor nothing yet). */
  timedOut(): boolean;
  /** Calls `onAbort` with the reason once the attempt is ended early (at once if it was). */
  onAbort(onAbort: (reason: unknown) => void): void;
  /** The attempt is over: clears its timer and its listener on the caller's signal. */
  dispose(): void;
}
