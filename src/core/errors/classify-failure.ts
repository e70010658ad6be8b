import { redactString } from "../redact.js";
import { PayoutsError } from "./payouts-error.js";
import { AbortedError, ConnectionError, TimeoutError } from "./transport-errors.js";

// Failures that prove the request never left this machine.
const NOT_SENT = new Set(["ECONNREFUSED", "ENOTFOUND", "EAI_AGAIN", "ENETUNREACH", "EHOSTUNREACH"]);
const DETAIL_LIMIT = 300;

/** Which signal ended the attempt, if one did: decided by the signals, not by the clock. */
export type Ended = "timeout" | "aborted" | undefined;

/**
 * Turns whatever `fetch` (or reading the body) threw into a typed error: any value at
 * all, an `Object.create(null)` or a Proxy whose traps throw included. A PayoutsError
 * passes through, with `secrets` redacted from its message.
 */
export function classifyFailure(
  thrown: unknown,
  where: string,
  secrets: readonly string[],
  ended: Ended,
  timeoutMs?: number,
): PayoutsError {
  if (isPayoutsError(thrown)) return redactMessage(thrown, secrets);
  if (ended === "aborted")
    return new AbortedError(`${where}: aborted by the caller`, { cause: thrown });
  if (ended === "timeout") {
    return new TimeoutError(`${where}: no complete answer within ${timeoutMs} ms`, timeoutMs, {
      cause: thrown,
    });
  }
  const { code, detail } = describe(thrown);
  // Redacted before it is cut, so that no part of a secret is left at the cut.
  const shown = redactString(detail, secrets).slice(0, DETAIL_LIMIT);
  return new ConnectionError(
    `${where}: connection failed (${code ?? "no code"}): ${shown}`,
    code,
    !(code && NOT_SENT.has(code)),
    { cause: thrown },
  );
}

/** `instanceof`, except that a Proxy's throwing getPrototypeOf trap answers false. */
function isPayoutsError(value: unknown): value is PayoutsError {
  try {
    return value instanceof PayoutsError;
  } catch {
    return false;
  }
}

/** The error, its message and stack cleared of `secrets` (they may quote a server). */
export function redactMessage<E extends Error>(error: E, secrets: readonly string[]): E {
  const message = redactString(error.message, secrets);
  // Stryker disable next-line ConditionalExpression: with nothing redacted in the message the stack gets nothing redacted either, unless the message was changed after the stack was read
  if (message !== error.message) {
    error.message = message;
    // An absent stack stays absent: "" would make inspect print no name or message.
    if (error.stack !== undefined) error.stack = redactString(error.stack, secrets);
  }
  return error;
}

/** The code and a one-line description of a thrown value, without trusting its shape. */
function describe(thrown: unknown): { code: string | undefined; detail: string } {
  try {
    const error = thrown as { message?: unknown; code?: unknown; cause?: { code?: unknown } };
    const codeOf = (v: unknown) => (typeof v === "string" ? v : undefined);
    const code = codeOf(error?.cause?.code) ?? codeOf(error?.code);
    const cause = error?.cause as { message?: unknown } | undefined;
    const message = typeof cause?.message === "string" ? cause.message : error?.message;
    const detail =
      typeof message === "string"
        ? message
        : typeof thrown === "string"
          ? thrown
          : `a thrown ${thrown === null ? "null" : typeof thrown} that is not an Error`;
    return { code, detail };
  } catch {
    return { code: undefined, detail: "a thrown value that could not be read" };
  }
}
