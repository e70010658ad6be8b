import { type Attempt, abortAfter } from "./abort-after.js";
import { boundedBody } from "./bounded-body.js";
import { fetchOnce } from "./default-fetch.js";
import { classifyFailure } from "./errors/classify-failure.js";
import { ConnectionError } from "./errors/transport-errors.js";
import { framedBody, framedWithinCap } from "./framed-body.js";
import { originOf } from "./sourced-request.js";

/** What every request of one client goes through, whoever makes it. */
export interface TransportSettings {
  fetch: (request: Request) => Promise<Response>;
  /** Per attempt, from sending to the end of the body. */
  timeoutMs: number;
  /** Ceiling of one answer's body, counted after decompression while it streams in. */
  maxResponseBytes: number;
  /** The client's base URL: a request elsewhere (an inherited `baseUrl`) is refused. */
  baseUrl: string;
  /**
   * The Authorization header's value, set on every request last, over anything else;
   * undefined: the header is taken off instead (a client that must send no credential).
   */
  authorization: string | undefined;
  /** Redacted from the messages of failures (the client's token). */
  secrets: readonly string[];
}

/**
 * Wraps `fetch` so that every request of the client, from a helper or from the raw
 * typed client:
 * - carries the client's Authorization header, set here after every middleware ran;
 * - is sent with `redirect: "manual"`: a 3xx comes back as an answer, never followed
 *   (following re-sends a payment, or sends credentials to another host);
 * - ends within `timeoutMs`, headers and body included, and honours the caller's own
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
  const { fetch, timeoutMs, maxResponseBytes, baseUrl, authorization, secrets } = settings;
  const prefix = `${baseUrl}/`;
  // Node's own fetch, wrapped by default-fetch.ts: its framing and its copy of the
  // request are known, so it is given the attempt's fields and framed bodies pass through.
  const ownFetch = fetch === fetchOnce;
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
    if (authorization === undefined) request.headers.delete("Authorization");
    else request.headers.set("Authorization", authorization);
    // A Request the client built says what it came from: the caller's signal (none means
    // nothing to listen to) and the body's source, sent as is instead of copying the body.
    const origin = originOf(request);
    const callerSignal = origin ? origin.signal : request.signal;
    const body = origin && !request.bodyUsed ? origin.body : undefined;
    const attempt = abortAfter(callerSignal, timeoutMs, "timeout");
    const fail = (thrown: unknown) =>
      classifyFailure(thrown, where(), secrets, ended(attempt, callerSignal), timeoutMs);
    let response: Response;
    try {
      const sent = ownFetch
        ? // Node's fetch copies the request once anyway: give it the attempt's fields.
          fetchOnce(request, { signal: attempt.signal, redirect: "manual", body })
        : fetch(attemptRequest(request, attempt.signal, body));
      response = await new Promise<Response>((resolve, reject) => {
        attempt.onAbort(reject);
        sent.then(resolve, reject);
      });
    } catch (thrown) {
      attempt.dispose();
      throw fail(thrown);
    }
    const guard = { maxResponseBytes, attempt, fail, where };
    // Node's own fetch bounds a body by its Content-Length (HTTP framing): one within the
    // cap needs no counting wrapper; any other answer, or another fetch, is counted.
    const bounded =
      ownFetch && framedWithinCap(response, maxResponseBytes)
        ? framedBody(response, guard)
        : boundedBody(response, guard);
    origin?.context?.onResponse?.(bounded);
    return bounded;
  };
}

/** The request as an injected fetch gets it: the attempt's signal, redirects refused. */
function attemptRequest(request: Request, signal: AbortSignal, body: string | undefined): Request {
  // Own fields, no prototype; headers given too, as fetch's Request would otherwise
  // take them from a polluted Object.prototype.headers.
  const init: RequestInit = Object.create(null);
  init.signal = signal;
  init.redirect = "manual";
  init.headers = request.headers;
  if (body !== undefined) init.body = body;
  return new Request(request, init);
}

function ended(attempt: Attempt, callerSignal: AbortSignal | undefined) {
  if (attempt.timedOut()) return "timeout";
  return callerSignal?.aborted ? "aborted" : undefined;
}
