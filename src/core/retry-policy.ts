import { ApiError } from "./errors/api-error.js";
import { InvalidInputError } from "./errors/invalid-input-error.js";
import type { PayoutsError } from "./errors/payouts-error.js";
import { ConnectionError, TimeoutError } from "./errors/transport-errors.js";
import { isWholeIn } from "./input.js";

/** Retry settings of idempotent calls. Every field is optional; defaults below. */
export interface RetryOptions {
  /** Attempts in all, the first included. Default 4. */
  maxAttempts?: number;
  /** Back-off before the second attempt, doubled each time after. Default 250 ms. */
  baseDelayMs?: number;
  /** Ceiling of one back-off (Retry-After may ask for more, within totalTimeoutMs). Default 8 000 ms. */
  maxDelayMs?: number;
  /** The whole call, attempts and waits, ends by then. Default 60 000 ms. */
  totalTimeoutMs?: number;
  /** Source of jitter in [0, 1). Default Math.random. */
  random?: () => number;
}

export const RETRY_DEFAULTS: Required<RetryOptions> = {
  maxAttempts: 4,
  baseDelayMs: 250,
  maxDelayMs: 8_000,
  totalTimeoutMs: 60_000,
  random: Math.random,
};

const LIMITS: Record<Exclude<keyof RetryOptions, "random">, [min: number, max: number]> = {
  maxAttempts: [1, 10],
  baseDelayMs: [0, 60_000],
  maxDelayMs: [0, 600_000],
  totalTimeoutMs: [1, 3_600_000],
};

/** The defaults overlaid with the caller's settings (own properties only), each checked. */
export function retryPolicy(
  options: { [K in keyof RetryOptions]?: unknown },
): Required<RetryOptions> {
  const policy = { ...RETRY_DEFAULTS };
  const own = (key: keyof RetryOptions) => (Object.hasOwn(options, key) ? options[key] : undefined);
  for (const key of Object.keys(LIMITS) as Array<keyof typeof LIMITS>) {
    const value = own(key);
    if (value === undefined) continue;
    const [min, max] = LIMITS[key];
    if (!isWholeIn(value, min, max)) {
      throw new InvalidInputError(key, `must be a whole number in ${min}..${max}`);
    }
    policy[key] = value;
  }
  const random = own("random");
  if (random !== undefined) {
    if (typeof random !== "function") throw new InvalidInputError("random", "must be a function");
    policy.random = random as () => number;
  }
  return policy;
}

/** Whether an idempotent call may be tried again after this failure. */
export function isRetryable(error: PayoutsError): boolean {
  // No answer at all: the request may not have arrived; repeating it is harmless.
  if (error instanceof ConnectionError || error instanceof TimeoutError) return true;
  // Stryker disable next-line ConditionalExpression: an error other than ApiError has no status, so the checks below are false for it anyway
  if (error instanceof ApiError) {
    // 408: the server gave up waiting for our request; 429: asked to slow down.
    if (error.status === 408 || error.status === 429) return true;
    // 5xx: a server-side failure that may pass.
    return error.status >= 500;
  }
  // Anything else (the caller's abort, bad input, other 4xx) will not change by repeating.
  return false;
}

/**
 * Wait before attempt `attempt + 1` (attempt counts from 1): exponential, capped,
 * with "equal jitter" (half fixed, half random) so clients spread out but never
 * retry at once; never shorter than the server's Retry-After.
 */
export function backoffDelay(
  attempt: number,
  options: Required<RetryOptions>,
  retryAfterMs?: number,
): number {
  const exponential = Math.min(options.maxDelayMs, options.baseDelayMs * 2 ** (attempt - 1));
  const jittered = exponential / 2 + (exponential / 2) * options.random();
  return Math.max(Math.round(jittered), retryAfterMs ?? 0);
}
