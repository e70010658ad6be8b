import { abortAfter } from "./abort-after.js";
import { fetchOnce } from "./default-fetch.js";
import { classifyFailure } from "./errors/classify-failure.js";
import { ConnectionError, ResponseTooLargeError } from "./errors/transport-errors.js";

/** What every request of one client goes through, whoever makes it. */
export interface TransportSettings {
  fetch: (request: Request) => Promise<Response>;
  /** Per attempt, from sending to the end of the body. */
  timeoutMs: number;
  /** Ceiling of one answer's body, counted after decompression while it streams in. */
  maxResponseBytes: number;
  /** The client's base URL: a request elsewhere (an inherited `baseUrl`) is refused. */
  baseUrl: string;
  /** Redacted from the messages of failures (the client's token). */
  secrets: readonly string[];
}

/**
 * Wraps `fetch` so that every request of the client, from a helper or from the raw
 * typed client:
 * - is sent with `redirect: "manual"`: a 3xx comes back as an answer, never followed
 *   (following re-sends a payment, or sends credentials to another host);
 * - ends within `timeoutMs`, headers and body included, and honours the request's own
 *   signal; which of the two fired decides TimeoutError or AbortedError;
 * - has its body cut off with ResponseTooLargeError past `maxResponseBytes`;
 * - fails only with a typed PayoutsError, whatever the injected `fetch` throws.
 *
 * The attempt is raced against the abort itself instead of trusting `fetch` to notice
 * its signal: undici's Request follows a signal through a weak reference, so a fetch
 * that holds nothing (a fake, a mock library) could be collected with its listener and
 * hang for ever; and a fetch that ignores signals would too.
 */
export function transport(settings: TransportSettings): (request: Request) => Promise<Response> {
  const { fetch, timeoutMs, maxResponseBytes, baseUrl, secrets } = settings;
  const prefix = `${baseUrl}/`;
  return async (request) => {
    const where = () => `${request.method} ${new URL(request.url).pathname}`;
    if (!request.url.startsWith(prefix)) {
      // Nothing was sent: a URL elsewhere means an inherited or injected baseUrl.
      throw new ConnectionError(
        `${request.method}: refused, the URL is not under the client's baseUrl`,
        "ERR_NOT_UNDER_BASE_URL",
        false,
      );
    }
    const attempt = abortAfter(request.signal, timeoutMs, "timeout");
    const fail = (thrown: unknown) =>
      classifyFailure(thrown, where(), secrets, ended(attempt, request.signal), timeoutMs);
    const aborted = new Promise<never>((_resolve, reject) => {
      const onAbort = () => {
        attempt.dispose();
        reject(attempt.signal.reason);
      };
      if (attempt.signal.aborted) onAbort();
      else attempt.signal.addEventListener("abort", onAbort, { once: true });
    });
    aborted.catch(() => {}); // observed below; never an unhandled rejection
    let response: Response;
    try {
      const sent =
        fetch === fetchOnce
          ? // Node's fetch copies the request once anyway: give it the attempt's fields.
            fetchOnce(request, { signal: attempt.signal, redirect: "manual" })
          : fetch(attemptRequest(request, attempt.signal));
      response = await Promise.race([sent, aborted]);
    } catch (thrown) {
      attempt.dispose();
      throw fail(thrown);
    }
    return boundedBody(response, { maxResponseBytes, aborted, done: attempt.dispose, fail, where });
  };
}

/** The request as an injected fetch gets it: the attempt's signal, redirects refused. */
function attemptRequest(request: Request, signal: AbortSignal): Request {
  // Own fields, no prototype; headers given too, as fetch's Request would otherwise
  // take them from a polluted Object.prototype.headers.
  const init: RequestInit = Object.create(null);
  init.signal = signal;
  init.redirect = "manual";
  init.headers = request.headers;
  return new Request(request, init);
}

function ended(attempt: ReturnType<typeof abortAfter>, requestSignal: AbortSignal) {
  if (attempt.timedOut()) return "timeout";
  return requestSignal.aborted ? "aborted" : undefined;
}

interface BodyGuard {
  maxResponseBytes: number;
  aborted: Promise<never>;
  done: () => void;
  fail: (thrown: unknown) => Error;
  where: () => string;
}

/**
 * The same response, its body read chunk by chunk (already decompressed by fetch)
 * under the attempt's deadline and the size cap; `done` is called once it ends.
 */
function boundedBody(response: Response, guard: BodyGuard): Response {
  const { maxResponseBytes, aborted, done, fail, where } = guard;
  if (!response.body) {
    done();
    return response;
  }
  const reader = response.body.getReader();
  let bytes = 0;
  const body = new ReadableStream<Uint8Array>({
    async pull(stream) {
      try {
        // Raced too: a body that stalls past the timeout must not hang the reader.
        const { done: ended, value } = await Promise.race([reader.read(), aborted]);
        if (ended) {
          done();
          stream.close();
          return;
        }
        bytes += value.byteLength;
        if (bytes > maxResponseBytes) {
          done();
          reader.cancel().catch(() => {});
          stream.error(
            new ResponseTooLargeError(
              `${where()}: answer body larger than maxResponseBytes (${maxResponseBytes}); not read further`,
              maxResponseBytes,
            ),
          );
          return;
        }
        stream.enqueue(value);
      } catch (thrown) {
        done();
        reader.cancel().catch(() => {});
        stream.error(fail(thrown));
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
