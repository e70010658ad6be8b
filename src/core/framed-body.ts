import { type BodyGuard, boundedBody } from "./bounded-body.js";

/**
 * True when the answer's body cannot exceed `maxResponseBytes` without failing on its
 * own: a single decimal Content-Length within the cap, no Content-Encoding (the cap is
 * on decoded bytes) and no Transfer-Encoding. Node's fetch (undici) reads exactly that
 * many bytes and errors a body cut short; more is not body but a framing error.
 */
export function framedWithinCap(response: Response, maxResponseBytes: number): boolean {
  const { headers } = response;
  const length = headers.get("content-length");
  return (
    // Stryker disable next-line ConditionalExpression: DECIMAL refuses null too (tested as the text "null")
    length !== null &&
    DECIMAL.test(length) &&
    Number(length) <= maxResponseBytes &&
    !headers.has("content-encoding") &&
    !headers.has("transfer-encoding")
  );
}

const DECIMAL = /^\d{1,15}$/;
const STATE = Symbol("framed body");
type Read = "text" | "json" | "arrayBuffer" | "blob" | "bytes" | "formData";
const READS: readonly Read[] = ["text", "json", "arrayBuffer", "blob", "bytes", "formData"];

interface State {
  guard: BodyGuard;
  /** The counting wrapper, built only if the body is taken as a stream or cloned. */
  wrapped?: Response;
}
type Framed = Response & { [STATE]?: State };

/**
 * The same response, its body read by Node's fetch as is: no stream copy, no Response
 * copy. Each read still ends with the attempt: the deadline or the caller's abort errors
 * the body (typed by the attempt's `fail`); the attempt's timer is cleared when the last
 * byte is in. Taking `body` as a stream, or `clone()`, falls back to the counting
 * wrapper, which then serves every later read.
 */
export function framedBody(response: Response, guard: BodyGuard): Response {
  if (response.body === null || response.headers.get("content-length") === "0") {
    // Nothing to read (a HEAD, a 204 or 304 whatever length it names, an empty body),
    // so nothing to wait for: the timer ends with the headers.
    guard.attempt.dispose();
    return response;
  }
  (response as Framed)[STATE] = { guard };
  Object.setPrototypeOf(response, framedPrototype);
  return response;
}

const plain = Response.prototype;
const plainGetter = (name: "body" | "bodyUsed") =>
  Object.getOwnPropertyDescriptor(plain, name)?.get as (this: Response) => unknown;
const plainBody = plainGetter("body") as (this: Response) => ReadableStream<Uint8Array> | null;
const plainBodyUsed = plainGetter("bodyUsed") as (this: Response) => boolean;

function wrapped(response: Framed, state: State): Response {
  state.wrapped ??= boundedBody(response, state.guard, plainBody.call(response));
  return state.wrapped;
}

/**
 * One read of the whole body, its failure typed. The attempt ends a read itself: its
 * deadline or the caller's abort errors the body fetch is reading (see DispatchedAttempt).
 */
function guardedRead<T>(response: Response, guard: BodyGuard, read: () => Promise<T>) {
  return read.call(response).catch((thrown: unknown) => {
    throw guard.fail(thrown);
  });
}

const descriptors: PropertyDescriptorMap = {
  body: {
    get(this: Framed) {
      const state = this[STATE];
      const source = state?.wrapped ? undefined : plainBody.call(this);
      // A body already being read (or never wrapped) is shown as it is, as a Response does.
      if (!state || source?.locked) return source;
      return wrapped(this, state).body;
    },
  },
  bodyUsed: {
    get(this: Framed) {
      const state = this[STATE];
      return state?.wrapped ? state.wrapped.bodyUsed : plainBodyUsed.call(this);
    },
  },
  clone: {
    value(this: Framed) {
      const state = this[STATE];
      return state ? wrapped(this, state).clone() : plain.clone.call(this);
    },
  },
};
for (const name of READS) {
  const read = plain[name] as () => Promise<unknown>;
  descriptors[name] = {
    value(this: Framed) {
      const state = this[STATE];
      if (!state) return read.call(this);
      if (state.wrapped) return (state.wrapped[name] as () => Promise<unknown>).call(state.wrapped);
      return guardedRead(this, state.guard, read);
    },
  };
}
const framedPrototype: Response = Object.create(plain, descriptors);
