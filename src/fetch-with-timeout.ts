/**
 * Wraps `fetch` so that each attempt ends after `timeoutMs`, headers and body
 * included, while still honouring the caller's own `AbortSignal` on the request.
 * On timeout it rejects with a DOMException named "TimeoutError"; on the caller's
 * abort, with the caller's reason.
 *
 * The attempt is raced against the abort itself instead of trusting `fetch` to
 * notice its signal: undici's Request follows a signal through a weak reference, so
 * a fetch that holds nothing (a fake, a mock library) can be collected with its
 * listener and would then hang for ever; and a fetch that ignores signals would too.
 */
export function fetchWithTimeout(
  fetchFn: (request: Request) => Promise<Response>,
  timeoutMs: number,
): (request: Request) => Promise<Response> {
  return (request) => {
    const controller = new AbortController();
    const callerSignal = request.signal;
    const onCallerAbort = () => controller.abort(callerSignal.reason);
    if (callerSignal.aborted) onCallerAbort();
    else callerSignal.addEventListener("abort", onCallerAbort, { once: true });
    const timer = setTimeout(() => {
      controller.abort(
        new DOMException(`no complete answer within ${timeoutMs} ms`, "TimeoutError"),
      );
    }, timeoutMs);
    // The timer also bounds the body, so it outlives the headers; unref'd so it never
    // keeps the process alive by itself.
    timer.unref();
    const aborted = new Promise<never>((_resolve, reject) => {
      const onAbort = () => {
        callerSignal.removeEventListener("abort", onCallerAbort);
        clearTimeout(timer);
        reject(controller.signal.reason);
      };
      if (controller.signal.aborted) onAbort();
      else controller.signal.addEventListener("abort", onAbort, { once: true });
    });
    return Promise.race([fetchFn(new Request(request, { signal: controller.signal })), aborted]);
  };
}
