// Node's fetch (undici) follows the Fetch standard, which re-sends a request once when
// the server answers 421 Misdirected Request (fetch spec, HTTP-network-or-cache fetch,
// step 16). A re-sent pay pays twice. This fetch gives each request its attempt as its
// dispatcher, which sends it once and refuses any second dispatch, so the retry fails as
// a network error (which a pay reports as "unknown").
import { type DispatchedAttempt, type Dispatcher, sharedDispatcher } from "./dispatched-attempt.js";

// undici creates its global dispatcher on first use; a data: URL creates it without I/O.
let ready: Promise<unknown> | undefined;
const warmUp = () => {
  ready ??= globalThis.fetch("data:,").catch(() => {});
  return ready;
};

/** What the transport gives fetch's own copy of the request. */
export interface AttemptInit {
  redirect: RequestRedirect;
  /** The source the request's own body was made from, sent as is. */
  body?: string;
  /** Sends the request and ends it (see DispatchedAttempt); fetch follows no signal. */
  attempt: DispatchedAttempt;
}

/**
 * globalThis.fetch, each request sent at most once, its init holding own fields only.
 * `init` (from the transport) is applied by fetch's own copy of the request, so the
 * transport need not build a second Request to carry it; its `body`, the source the
 * request's own body was made from, spares that copy piping the request's body through
 * a TransformStream; its `attempt` is the request's dispatcher: it sends the request
 * once and ends it.
 */
export function fetchOnce(request: Request, init: AttemptInit): Promise<Response> {
  // Not async: once warm, no extra promise and no extra turn per request.
  if (!sharedDispatcher()) return warmUp().then(() => sendAtMostOnce(request, init));
  return sendAtMostOnce(request, init);
}

function sendAtMostOnce(request: Request, { redirect, body, attempt }: AttemptInit) {
  // No prototype, and headers and signal given: fetch's Request would otherwise look
  // them up on a polluted Object.prototype.
  const init: RequestInit & { dispatcher?: Dispatcher } = Object.create(null);
  init.headers = request.headers;
  // null: the copy follows no signal at all (the attempt ends the request itself).
  init.signal = null;
  init.redirect = redirect;
  // Stryker disable next-line ConditionalExpression,EqualityOperator: performance only: the request carries the same body, which fetch would otherwise copy
  if (body !== undefined) init.body = body;
  init.dispatcher = attempt;
  return globalThis.fetch(request, init);
}
