import { apiErrorFrom } from "./errors/api-error.js";
import { PayoutsError } from "./errors/payouts-error.js";
import { sendOnce } from "./send-once.js";

/**
 * One safe read through `sendOnce`: the parsed body when the answer is a 2xx that
 * `accept` takes; otherwise throws the typed error (transport failure, unreadable body,
 * an ApiError per status, or an ApiError for a 2xx whose body is not what the spec
 * says). `secrets` are redacted from everything thrown.
 */
export async function readOnce<T>(
  call: Parameters<typeof sendOnce>[0],
  where: string,
  secrets: readonly string[],
  signal: AbortSignal | undefined,
  accept: (body: unknown) => body is T,
): Promise<{ body: T; response: Response }> {
  const answer = await sendOnce(call, where, secrets, signal);
  if (answer instanceof PayoutsError) throw answer;
  const { response, body, bodyFailure } = answer;
  if (bodyFailure) throw bodyFailure;
  if (response.ok && accept(body)) return { body, response };
  throw apiErrorFrom(response, where, body, secrets);
}
