import { TimeoutError } from "./errors/transport-errors.js";

/** The caller's signal joined with the call's total time cap, and a sleep that honours both. */
export function callDeadline(callerSignal: AbortSignal | undefined, totalTimeoutMs: number) {
  const controller = new AbortController();
  const deadline = Date.now() + totalTimeoutMs;
  const onCallerAbort = () => controller.abort(callerSignal?.reason);
  callerSignal?.addEventListener("abort", onCallerAbort, { once: true });
  if (callerSignal?.aborted) onCallerAbort();
  const timer = setTimeout(
    () => controller.abort(new DOMException("total time cap", "TimeoutError")),
    totalTimeoutMs,
  );
  return {
    signal: controller.signal,
    remainingMs: () => deadline - Date.now(),
    deadlinePassed: () => Date.now() >= deadline && !callerSignal?.aborted,
    timeoutError: (where: string) =>
      new TimeoutError(
        `${where}: no success within the ${totalTimeoutMs} ms cap of the call`,
        totalTimeoutMs,
      ),
    /** Resolves true after `ms`, false at once if the call is aborted first. */
    sleep: (ms: number) =>
      new Promise<boolean>((resolve) => {
        if (controller.signal.aborted) return resolve(false);
        const wake = setTimeout(() => resolve(true), ms);
        controller.signal.addEventListener(
          "abort",
          () => {
            clearTimeout(wake);
            resolve(false);
          },
          { once: true },
        );
      }),
    dispose: () => {
      clearTimeout(timer);
      callerSignal?.removeEventListener("abort", onCallerAbort);
    },
  };
}
