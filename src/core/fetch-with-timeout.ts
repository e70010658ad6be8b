import { abortAfter } from "./abort-after.js";

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
  return async (request) => {
    const attempt = abortAfter(
      request.signal,
      timeoutMs,
      `no complete answer within ${timeoutMs} ms`,
    );
    const aborted = new Promise<never>((_resolve, reject) => {
      const onAbort = () => {
        attempt.dispose();
        reject(attempt.signal.reason);
      };
      if (attempt.signal.aborted) onAbort();
      else attempt.signal.addEventListener("abort", onAbort, { once: true });
    });
    let response: Response;
    try {
      response = await Promise.race([
        fetchFn(new Request(request, { signal: attempt.signal })),
        aborted,
      ]);
    } catch (error) {
      // fetch itself failed (refused, reset): nothing is left to time.
      attempt.dispose();
      throw error;
    }
    return untilBodyEnds(response, attempt.dispose, aborted);
  };
}

/**
 * The same response, with `done` called once its body has been read to the end, so
 * the timer bounds the body too and is cleared as soon as it is no longer needed.
 */
function untilBodyEnds(response: Response, done: () => void, aborted: Promise<never>): Response {
  if (!response.body) {
    done();
    return response;
  }
  const reader = response.body.getReader();
  const body = new ReadableStream<Uint8Array>({
    async pull(stream) {
      try {
        // Raced too: a body that stalls past the timeout must not hang the reader.
        const { done: ended, value } = await Promise.race([reader.read(), aborted]);
        if (ended) {
          done();
          stream.close();
        } else stream.enqueue(value);
      } catch (error) {
        done();
        stream.error(error);
      }
    },
    cancel(reason) {
      done();
      return reader.cancel(reason);
    },
  });
  const wrapped = new Response(body, response);
  Object.defineProperty(wrapped, "url", { value: response.url });
  return wrapped;
}
