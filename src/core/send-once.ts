import { classifyFailure } from "./errors/classify-failure.js";
import type { PayoutsError } from "./errors/payouts-error.js";
import { CALL_CONTEXT, type CallContext } from "./sourced-request.js";

/** What one attempt got back: the response, its body as far as it could be read. */
export interface Answer {
  response: Response;
  /** Parsed JSON; the raw text when it is not JSON; undefined when empty. */
  body: unknown;
  /** Set when the body could not be read to the end (reset, timeout). */
  bodyFailure?: PayoutsError;
}

/** The extra per-request options `sendOnce` passes to an openapi-fetch call. */
export interface SendInit {
  parseAs: "text";
  signal?: AbortSignal;
  [CALL_CONTEXT]: CallContext;
}

type Call = (init: SendInit) => Promise<{ data?: unknown; error?: unknown; response: Response }>;

/**
 * Makes exactly one attempt through a typed client call. Returns the answer, also for
 * error statuses and unreadable bodies, or, when no status came back at all, the
 * typed failure (timeout, connection, aborted) as a value: callers branch, not catch.
 */
export async function sendOnce(
  call: Call,
  where: string,
  secrets: readonly string[],
  signal?: AbortSignal,
): Promise<Answer | PayoutsError> {
  let answered: Response | undefined;
  // The transport tells us the response before openapi-fetch reads its body, so a body
  // that fails half-way still leaves us the status (no middleware: none to run per call).
  const context: CallContext = {
    onResponse(response) {
      answered = response;
    },
  };
  try {
    const { data, error, response } = await call({
      parseAs: "text",
      signal,
      [CALL_CONTEXT]: context,
    });
    // openapi-fetch has already parsed error bodies it could; "" is an empty chunked body.
    return { response, body: response.ok ? parseText(data) : error === "" ? undefined : error };
  } catch (thrown) {
    // The transport throws typed errors; anything else (a middleware's throw) is classified here.
    const failure = classifyFailure(
      thrown,
      where,
      secrets,
      signal?.aborted ? "aborted" : undefined,
    );
    return answered ? { response: answered, body: undefined, bodyFailure: failure } : failure;
  }
}

function parseText(text: unknown): unknown {
  if (typeof text !== "string" || text === "") return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}
