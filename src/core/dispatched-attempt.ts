// One attempt sent by Node's fetch, ended through the dispatcher it is sent with instead
// of an AbortController per attempt. Creating an AbortSignal (an EventTarget) costs Node
// several microseconds, and fetch then follows it with a listener, a WeakRef and a
// FinalizationRegistry entry; the attempt below is a plain object and a timer.
import type { Attempt } from "./abort-after.js";
import type { BodyGuard } from "./bounded-body.js";
import { classifyFailure, type Ended } from "./errors/classify-failure.js";

type Abort = (error: Error) => void;

/** The undici dispatch handler fetch gives its dispatcher (undici 6's handler API). */
export interface DispatchHandler {
  onConnect(abort: Abort): void;
  onError(error: Error): void;
  onHeaders?(status: number, headers: unknown, resume: () => void, text: string): unknown;
  onData?(chunk: unknown): unknown;
  onComplete?(trailers: unknown): void;
  onUpgrade?(status: number, headers: unknown, socket: unknown): void;
  onResponseStarted?(): void;
  onBodySent?(chunk: unknown): void;
  onRequestSent?(): void;
}

/** undici's dispatcher interface, as far as the attempt forwards to it. */
export interface Dispatcher {
  dispatch(options: unknown, handler: DispatchHandler): boolean;
}

/** What the attempt needs of its client to type its failures. */
export interface AttemptSettings {
  timeoutMs: number;
  maxResponseBytes: number;
  secrets: readonly string[];
}

/**
 * The attempt is the dispatcher of its own request (see `fetchOnce`): it forwards the
 * request to undici's shared dispatcher once, and is told when the answer's last byte is
 * in (`onComplete`) or the request failed (`onError`); that ends it and clears its timer.
 * Its deadline or the caller's abort ends it earlier, by the means undici gives for it:
 * - before fetch dispatched the request: the dispatch is refused, nothing is sent;
 * - dispatched, not yet on a connection: fetch's handler is told the error (fetch
 *   rejects), and the request is aborted as soon as undici connects it;
 * - on a connection: undici's own abort, which errors fetch's promise or, once the
 *   headers are in, the body being read.
 * Which one fired is kept here, so the failure is typed by it and not by the clock.
 * A second dispatch (fetch re-sends once on a 421) is refused: a re-sent pay pays twice.
 */
export class DispatchedAttempt implements Attempt, BodyGuard {
  readonly attempt: Attempt = this;
  readonly maxResponseBytes: number;
  readonly #request: Request;
  readonly #settings: AttemptSettings;
  readonly #timer: ReturnType<typeof setTimeout>;
  readonly #callerSignal: AbortSignal | undefined;
  #onCallerAbort: (() => void) | undefined;
  #ended: Ended;
  #reason: unknown;
  #over = false;
  #dispatched = false;
  #onAbort: ((reason: unknown) => void) | undefined;
  /** fetch's handler, once dispatched; told the end itself if undici has not connected. */
  #handler: DispatchHandler | undefined;
  /** undici's abort of the request, once it is on a connection. */
  #abort: Abort | undefined;
  /** fetch's handler was told the end by the attempt: what undici reports later is not passed on. */
  #told = false;

  constructor(request: Request, callerSignal: AbortSignal | undefined, settings: AttemptSettings) {
    this.#request = request;
    this.#settings = settings;
    this.maxResponseBytes = settings.maxResponseBytes;
    this.#callerSignal = callerSignal;
    this.#timer = setTimeout(expire, settings.timeoutMs, this);
    if (callerSignal?.aborted) this.end("aborted", callerSignal.reason);
    else if (callerSignal) {
      this.#onCallerAbort = () => this.end("aborted", callerSignal.reason);
      // Stryker disable next-line ObjectLiteral,BooleanLiteral: dispose() removes the listener; after it the attempt ends at most once anyway
      callerSignal.addEventListener("abort", this.#onCallerAbort, { once: true });
    }
  }

  /** Ends the attempt early: its deadline ("timeout") or the caller's abort ("aborted"). */
  end(why: "timeout" | "aborted", reason: unknown): void {
    if (this.#over) return;
    this.#ended = why;
    this.#reason = reason;
    this.dispose();
    // Stryker disable ConditionalExpression,EqualityOperator,StringLiteral: this error only stops undici or fetch; the caller's failure is typed by #ended (see fail())
    const error =
      why === "timeout"
        ? new DOMException("timeout", "TimeoutError")
        : new DOMException("aborted by the caller", "AbortError");
    // Stryker restore ConditionalExpression,EqualityOperator,StringLiteral
    if (this.#abort) this.#abort(error);
    else if (this.#handler) {
      this.#told = true;
      this.#handler.onError(error);
    }
    this.#onAbort?.(reason);
  }

  /** The attempt is over (answer complete, failed, or read by a wrapper): clears its timer. */
  dispose(): void {
    // Stryker disable next-line ConditionalExpression: a second dispose clears a cleared timer and removes a removed listener
    if (this.#over) return;
    this.#over = true;
    clearTimeout(this.#timer);
    if (this.#onCallerAbort) this.#callerSignal?.removeEventListener("abort", this.#onCallerAbort);
  }

  timedOut(): boolean {
    return this.#ended === "timeout";
  }

  /** Calls `onAbort` with the reason if the attempt is ended early (at once if it was). */
  onAbort(onAbort: (reason: unknown) => void): void {
    this.#onAbort = onAbort;
    if (this.#ended) onAbort(this.#reason);
  }

  /** Any failure of the attempt as a typed error; an early end decides which one. */
  fail(thrown: unknown): Error {
    const { secrets, timeoutMs } = this.#settings;
    const cause = this.#ended ? this.#reason : thrown;
    return classifyFailure(cause, this.where(), secrets, this.#ended, timeoutMs);
  }

  where(): string {
    return whereOf(this.#request);
  }

  /** undici's Dispatcher.dispatch: forwards the request once, watched by this attempt. */
  dispatch(options: unknown, handler: DispatchHandler): boolean {
    if (this.#dispatched) {
      handler.onError(new Error("refused to send the request a second time (421 retry)"));
      return true;
    }
    this.#dispatched = true;
    // Stryker disable next-line ConditionalExpression,BlockStatement,StringLiteral,BooleanLiteral: an early refusal only; connected() aborts an ended attempt's request before anything is written
    if (this.#ended) {
      // Ended before fetch got this far: nothing is sent.
      // Stryker disable next-line StringLiteral,BooleanLiteral: as above
      handler.onError(new DOMException("ended before sending", "AbortError"));
      // Stryker disable next-line BooleanLiteral: as above
      return true;
    }
    const shared = sharedDispatcher();
    // Stryker disable next-line ConditionalExpression: fetchOnce warms fetch up first, so the dispatcher is always there
    if (!shared) throw new Error("undici's global dispatcher is not there (fetch creates it)");
    this.#handler = handler;
    return shared.dispatch(options, new WatchedHandler(this, handler));
  }

  /** From the watched handler: undici put the request on a connection. */
  connected(abort: Abort): boolean {
    if (!this.#ended) {
      this.#abort = abort;
      return true;
    }
    abort(new DOMException("ended before sending", "AbortError"));
    return false;
  }

  /** From the watched handler: undici is done with the request; passes its error on unless told. */
  finished(): boolean {
    this.dispose();
    return !this.#told;
  }
}

/** "METHOD /path" of a request (its path without the query), for failure messages. */
export const whereOf = (request: Request): string =>
  `${request.method} ${new URL(request.url).pathname}`;

function expire(attempt: DispatchedAttempt) {
  attempt.end("timeout", new DOMException("timeout", "TimeoutError"));
}

// undici's global dispatcher, found under the symbol undici documents for sharing it
// between copies; Node's fetch creates it on first use (see default-fetch.ts).
const GLOBAL_DISPATCHER = Symbol.for("undici.globalDispatcher.1");
export const sharedDispatcher = () =>
  (globalThis as Record<symbol, Dispatcher | undefined>)[GLOBAL_DISPATCHER];

/** fetch's handler as undici sees it, each event passed on; its ends reported to the attempt. */
class WatchedHandler implements DispatchHandler {
  readonly #attempt: DispatchedAttempt;
  readonly #handler: DispatchHandler;

  constructor(attempt: DispatchedAttempt, handler: DispatchHandler) {
    this.#attempt = attempt;
    this.#handler = handler;
  }

  onConnect(abort: Abort) {
    if (this.#attempt.connected(abort)) this.#handler.onConnect(abort);
  }
  // Stryker disable next-line BlockStatement,OptionalChaining: fetch's handler keeps only timing information from this event
  onResponseStarted() {
    this.#handler.onResponseStarted?.();
  }
  onHeaders(status: number, headers: unknown, resume: () => void, text: string) {
    // Stryker disable next-line OptionalChaining: fetch's handler has every event the interface marks optional
    return this.#handler.onHeaders?.(status, headers, resume, text);
  }
  onData(chunk: unknown) {
    // Stryker disable next-line OptionalChaining: as above
    return this.#handler.onData?.(chunk);
  }
  onComplete(trailers: unknown) {
    this.#attempt.finished();
    // Stryker disable next-line OptionalChaining: as above
    this.#handler.onComplete?.(trailers);
  }
  onError(error: Error) {
    if (this.#attempt.finished()) this.#handler.onError(error);
  }
  // Stryker disable next-line BlockStatement: fetch never asks for a protocol upgrade
  onUpgrade(status: number, headers: unknown, socket: unknown) {
    // Stryker disable next-line CallExpression: as above
    this.#attempt.finished();
    // Stryker disable next-line OptionalChaining: as above
    this.#handler.onUpgrade?.(status, headers, socket);
  }
  // Stryker disable next-line BlockStatement: fetch's handler keeps only upload progress from this event
  onBodySent(chunk: unknown) {
    this.#handler.onBodySent?.(chunk);
  }
  // Stryker disable next-line BlockStatement: fetch's handler keeps only timing information from this event
  onRequestSent() {
    this.#handler.onRequestSent?.();
  }
}
