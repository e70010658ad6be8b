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

/** Who claimed a pay in a shared ledger, when, and where (no secret in it). */
export interface ClaimInfo {
  /** ISO time of the claim. */
  claimedAt: string;
  host: string;
  pid: number;
  /** The ledger that holds the claim, e.g. `file /var/payouts` or `postgres db@host:5432`. */
  ledger: string;
  /** How an operator resolved it, when `previous` is "resolved". */
  verdict?: string;
}

export type DuplicateState = "in-flight" | "accepted" | "unknown" | "resolved";

/**
 * A pay of an id already in flight, accepted, unknown, or resolved as (partly) paid: in
 * this client, or, with `claim`, in a ledger shared by processes and machines.
 */
export class DuplicatePayError extends PayoutsError {
  override name = "DuplicatePayError";
  readonly id: string;
  readonly previous: DuplicateState;
  readonly claim: ClaimInfo | undefined;
  constructor(id: string, previous: DuplicateState, claim?: ClaimInfo) {
    const state = claim?.verdict ? `${previous} as ${claim.verdict}` : previous;
    super(
      claim
        ? `bulk bonus payment ${JSON.stringify(id)} is already ${state} in the pay ledger ` +
            `(${claim.ledger}; claimed ${claim.claimedAt} by host ${JSON.stringify(claim.host)}, ` +
            `process ${claim.pid}); paying again pays the participants again. ` +
            "Reconcile it and resolve it first (npx payouts-ledger reconcile <id>)."
        : `bulk bonus payment ${JSON.stringify(id)} is already ${previous} in this client; ` +
            "paying again pays the participants again. Pass { payAgain: true } only if that is meant.",
    );
    this.id = id;
    this.previous = previous;
    this.claim = claim;
  }
  protected override details() {
    return { id: this.id, previous: this.previous, ...(this.claim && { claim: this.claim }) };
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
