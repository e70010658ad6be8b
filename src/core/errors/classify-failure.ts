import { redactString } from "../redact.js";
import type { PayoutsError } from "./payouts-error.js";
import { AbortedError, ConnectionError, TimeoutError } from "./transport-errors.js";

// Failures that prove the request never left this machine.
const NOT_SENT = new Set(["ECONNREFUSED", "ENOTFOUND", "EAI_AGAIN", "ENETUNREACH", "EHOSTUNREACH"]);

/**
 * Turns whatever `fetch` (or reading the body) threw into a typed error. `callerSignal`
 * tells the caller's abort apart from our own timeouts.
 */
export function classifyFailure(
  thrown: unknown,
  where: string,
  secrets: readonly string[],
  callerSignal?: AbortSignal,
): PayoutsError {
  const error = thrown as {
    name?: string;
    message?: string;
    code?: string;
    cause?: { code?: string };
  };
  if (callerSignal?.aborted && (thrown === callerSignal.reason || error?.name === "AbortError")) {
    return new AbortedError(`${where}: aborted by the caller`, { cause: thrown });
  }
  if (error?.name === "TimeoutError") {
    return new TimeoutError(
      `${where}: ${redactString(error.message ?? "timed out", secrets)}`,
      undefined,
      {
        cause: thrown,
      },
    );
  }
  const code = error?.cause?.code ?? error?.code;
  const detail = redactString(String(error?.cause ?? error?.message ?? thrown), secrets);
  return new ConnectionError(
    `${where}: connection failed (${code ?? "no code"}): ${detail}`,
    code,
    !(code && NOT_SENT.has(code)),
    { cause: thrown },
  );
}
