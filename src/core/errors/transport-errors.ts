import { PayoutsError } from "./payouts-error.js";

/** One attempt got no complete answer in time (`timeoutMs`, or a call's total cap). */
export class TimeoutError extends PayoutsError {
  override name = "TimeoutError";
  readonly timeoutMs: number | undefined;
  constructor(message: string, timeoutMs?: number, options?: { cause?: unknown }) {
    super(message, options);
    this.timeoutMs = timeoutMs;
  }
  protected override details() {
    return { timeoutMs: this.timeoutMs };
  }
}

/**
 * The connection failed. `requestMayHaveBeenSent` is false only when the failure
 * proves nothing left (connection refused, host not found).
 */
export class ConnectionError extends PayoutsError {
  override name = "ConnectionError";
  readonly code: string | undefined;
  readonly requestMayHaveBeenSent: boolean;
  constructor(
    message: string,
    code: string | undefined,
    requestMayHaveBeenSent: boolean,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.code = code;
    this.requestMayHaveBeenSent = requestMayHaveBeenSent;
  }
  protected override details() {
    return { code: this.code, requestMayHaveBeenSent: this.requestMayHaveBeenSent };
  }
}

/** The caller aborted through its own AbortSignal. Never retried. */
export class AbortedError extends PayoutsError {
  override name = "AbortedError";
}

/** A pay of an id this client already has in flight, accepted, or unknown. */
export class DuplicatePayError extends PayoutsError {
  override name = "DuplicatePayError";
  readonly id: string;
  readonly previous: "in-flight" | "accepted" | "unknown";
  constructor(id: string, previous: "in-flight" | "accepted" | "unknown") {
    super(
      `bulk bonus payment ${JSON.stringify(id)} is already ${previous} in this client; ` +
        "paying again pays the participants again. Pass { payAgain: true } only if that is meant.",
    );
    this.id = id;
    this.previous = previous;
  }
  protected override details() {
    return { id: this.id, previous: this.previous };
  }
}

/**
 * The answer's body grew past the client's `maxResponseBytes` (counted after
 * decompression, while reading); the rest was not read.
 */
export class ResponseTooLargeError extends PayoutsError {
  override name = "ResponseTooLargeError";
  readonly maxResponseBytes: number;
  constructor(message: string, maxResponseBytes: number) {
    super(message);
    this.maxResponseBytes = maxResponseBytes;
  }
  protected override details() {
    return { maxResponseBytes: this.maxResponseBytes };
  }
}
