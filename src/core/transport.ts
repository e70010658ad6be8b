import { abortAfter } from "./abort-after.js";
import { boundedBody } from "./bounded-body.js";
import { fetchOnce } from "./default-fetch.js";
import { DispatchedAttempt, whereOf } from "./dispatched-attempt.js";
import { classifyFailure } from "./errors/classify-failure.js";
import { ConnectionError } from "./errors/transport-errors.js";
import { framedBody, framedWithinCap } from "./framed-body.js";
import { originOf } from "./sourced-request.js";

/** What every request of one client goes through, whoever makes it. */
export interface TransportSettings {
  /** An injected fetch; undefined: Node's own, sent through `fetchOnce`. */
  fetch: ((request: Request) => Promise<Response>) | undefined;
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
 */
export function transport(settings: TransportSettings): (request: Request) => Promise<Response> {
  const { fetch, maxResponseBytes, baseUrl, authorization } = settings;
  const prefix = `${baseUrl}/`;
  return async (request) => {
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
    // Stryker disable next-line ConditionalExpression: performance only: without the source, fetch copies the request's own body (the same bytes and length)
    const body = origin && !request.bodyUsed ? origin.body : undefined;
    if (fetch) {
      const response = await sendThrough(fetch, request, callerSignal, body, settings);
      origin?.context?.onResponse?.(response);
      return response;
    }
    // Node's own fetch: the attempt is the request's dispatcher and ends it, so fetch
    // follows no signal and nothing races it (see DispatchedAttempt).
    const attempt = new DispatchedAttempt(request, callerSignal, settings);
    let response: Response;
    try {
      response = await fetchOnce(request, { redirect: "manual", body, attempt });
    } catch (thrown) {
      attempt.dispose();
      throw attempt.fail(thrown);
    }
    // Node's fetch bounds a body by its Content-Length (HTTP framing): one within the
    // cap needs no counting wrapper; any other answer is counted.
    const bounded = framedWithinCap(response, maxResponseBytes)
      ? framedBody(response, attempt)
      : boundedBody(response, attempt);
    origin?.context?.onResponse?.(bounded);
    return bounded;
  };
}

/**
 * An injected fetch: given the attempt's signal, and raced against its abort instead of
 * trusting `fetch` to notice the signal: undici's Request follows a signal through a weak
 * reference, so a fetch that holds nothing (a fake, a mock library) could be collected
 * with its listener and hang for ever; and a fetch that ignores signals would too.
 */
async function sendThrough(
  fetch: (request: Request) => Promise<Response>,
  request: Request,
  callerSignal: AbortSignal | undefined,
  body: string | undefined,
  { timeoutMs, maxResponseBytes, secrets }: TransportSettings,
): Promise<Response> {
  const attempt = abortAfter(callerSignal, timeoutMs, "timeout");
  const where = () => whereOf(request);
  const fail = (thrown: unknown) => {
    const ended = attempt.timedOut() ? "timeout" : callerSignal?.aborted ? "aborted" : undefined;
    return classifyFailure(thrown, where(), secrets, ended, timeoutMs);
  };
  let response: Response;
  try {
    const sent = fetch(attemptRequest(request, attempt.signal, body));
    response = await new Promise<Response>((resolve, reject) => {
      attempt.onAbort(reject);
      sent.then(resolve, reject);
    });
  } catch (thrown) {
    attempt.dispose();
    throw fail(thrown);
  }
  return boundedBody(response, { maxResponseBytes, attempt, fail, where });
}

/** The request as an injected fetch gets it: the attempt's signal, redirects refused. */
function attemptRequest(request: Request, signal: AbortSignal, body: string | undefined): Request {
  // Own fields, no prototype; headers given too, as fetch's Request would otherwise
  // take them from a polluted Object.prototype.headers.
  const init: RequestInit = Object.create(null);
  init.signal = signal;
  init.redirect = "manual";
  init.headers = request.headers;
  // Stryker disable next-line ConditionalExpression,EqualityOperator: as in transport(): the request carries the same body
  if (body !== undefined) init.body = body;
  return new Request(request, init);
}
