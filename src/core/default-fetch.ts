// Node's fetch (undici) follows the Fetch standard, which re-sends a request once when
// the server answers 421 Misdirected Request (fetch spec, HTTP-network-or-cache fetch,
// step 16). A re-sent pay pays twice. This fetch gives each request a dispatcher that
// sends it once and refuses any second dispatch, so the retry fails as a network error
// (which a pay reports as "unknown"). The dispatcher it forwards to is undici's global
// one, found under the symbol undici documents for sharing it between copies.
const GLOBAL_DISPATCHER = Symbol.for("undici.globalDispatcher.1");

interface Dispatcher {
  dispatch(options: unknown, handler: { onError(error: Error): void }): boolean;
}

const globalDispatcher = () =>
  (globalThis as Record<symbol, Dispatcher | undefined>)[GLOBAL_DISPATCHER];

// undici creates its global dispatcher on first use; a data: URL creates it without I/O.
let ready: Promise<unknown> | undefined;
const warmUp = () => {
  ready ??= globalThis.fetch("data:,").catch(() => {});
  return ready;
};

/**
 * globalThis.fetch, each request sent at most once, its init holding own fields only.
 * `attempt` (the transport's signal and redirect mode) is applied by fetch's own copy of
 * the request, so the transport need not build a second Request to carry them; its
 * `body`, the source the request's own body was made from, spares that copy piping the
 * request's body through a TransformStream.
 */
export function fetchOnce(
  request: Request,
  attempt?: { signal: AbortSignal; redirect: RequestRedirect; body?: string },
): Promise<Response> {
  // Not async: once warm, no extra promise and no extra turn per request.
  if (!globalDispatcher()) return warmUp().then(() => sendAtMostOnce(request, attempt));
  return sendAtMostOnce(request, attempt);
}

function sendAtMostOnce(
  request: Request,
  attempt?: { signal: AbortSignal; redirect: RequestRedirect; body?: string },
): Promise<Response> {
  const shared = globalDispatcher();
  // No prototype, and headers and signal given: fetch's Request would otherwise look
  // them up on a polluted Object.prototype.
  const init: RequestInit & { dispatcher?: Dispatcher } = Object.create(null);
  init.headers = request.headers;
  init.signal = attempt?.signal ?? request.signal;
  if (attempt) init.redirect = attempt.redirect;
  if (attempt?.body !== undefined) init.body = attempt.body;
  if (typeof shared?.dispatch === "function") {
    let sent = false;
    init.dispatcher = {
      dispatch(options, handler) {
        if (sent) {
          handler.onError(new Error("refused to send the request a second time (421 retry)"));
          return true;
        }
        sent = true;
        return shared.dispatch(options, handler);
      },
    };
  }
  return globalThis.fetch(request, init);
}
