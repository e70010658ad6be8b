// The Request class the typed client builds its requests with. It is a plain Request
// that also remembers, out of reach of callers, what it was made from, so the transport
// can send it without copying it:
// - Node's fetch copies a Request it is given; a Request with a body is copied by piping
//   that body through an identity TransformStream (fetch spec, Request constructor, step
//   40), the largest single cost of a call. Given the body's source (the string
//   openapi-fetch serialized once) in the init instead, fetch builds the body from it
//   directly and reads nothing twice;
// - the caller's own signal, so the transport listens to it alone, not to the copy the
//   Request follows (undici follows a signal through a weak reference);
// - an internal per-call context (`CALL_CONTEXT`): set only by this package's helpers.

/** What a helper's call hands to the transport, keyed by a symbol only core holds. */
export interface CallContext {
  /** Told the response as soon as its status and headers are in, before the body. */
  onResponse?: (response: Response) => void;
}

/** The init key of a CallContext: unforgeable, and carried by openapi-fetch's `...init`. */
export const CALL_CONTEXT = Symbol("payouts-api call context");

interface Origin {
  /** The body as given (a string), or undefined when there is none or it is not a string. */
  body: string | undefined;
  signal: AbortSignal | undefined;
  context: CallContext | undefined;
}

export class SourcedRequest extends Request {
  // A private field: unreachable from outside, and cheaper than a WeakMap entry per call.
  readonly #origin: Origin;

  constructor(input: RequestInfo | URL, init?: RequestInit) {
    super(input, init);
    const given = init as (RequestInit & { [CALL_CONTEXT]?: CallContext }) | undefined;
    const body = given?.body;
    const signal = given?.signal;
    this.#origin = {
      body: typeof body === "string" ? body : undefined,
      signal: signal instanceof AbortSignal ? signal : undefined,
      context: given && Object.hasOwn(given, CALL_CONTEXT) ? given[CALL_CONTEXT] : undefined,
    };
  }

  // openapi-fetch checks a middleware's returned Request with `instanceof` this class:
  // any Request is one, as it was before the client had a Request class of its own.
  static override [Symbol.hasInstance](value: unknown): boolean {
    return value instanceof Request;
  }

  /** What `request` was made from, when the client built it (not a middleware's own Request). */
  static originOf(request: Request): Origin | undefined {
    return #origin in request ? (request as SourcedRequest).#origin : undefined;
  }
}

export const originOf = SourcedRequest.originOf;
