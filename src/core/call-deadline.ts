import { abortAfter } from "./abort-after.js";
import { TimeoutError } from "./errors/transport-errors.js";

/** The caller's signal joined with the call's total time cap, and a sleep that honours both. */
export function callDeadline(callerSignal: AbortSignal | undefined, totalTimeoutMs: number) {
  const call = abortAfter(callerSignal, totalTimeoutMs, "total time cap");
  const deadline = Date.now() + totalTimeoutMs;
  return {
    signal: call.signal,
    remainingMs: () => deadline - Date.now(),
    /** Our own cap ended the call (decided by which signal fired, not by the clock). */
    timedOut: call.timedOut,
    timeoutError: (where: string) =>
      new TimeoutError(
        `${where}: no success within the ${totalTimeoutMs} ms cap of the call`,
        totalTimeoutMs,
      ),
    /** Resolves true after `ms`, false at once if the call is aborted first. */
    sleep: (ms: number) =>
      new Promise<boolean>((resolve) => {
        if (call.signal.aborted) return resolve(false);
        const wake = setTimeout(() => resolve(true), ms);
        call.signal.addEventListener(
          "abort",
          () => {
            clearTimeout(wake);
            resolve(false);
          },
          { once: true },
        );
      }),
    dispose: call.dispose,
  };
}
