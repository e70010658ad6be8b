import type { Reward, RewardState, RewardStateUpdate } from "../../generated/rewards.js";
import { bulkUpdateRewardStateBody } from "../../generated/rewards.validators.js";
import { callDeadline } from "../core/call-deadline.js";
import { secretsOf } from "../core/create-client.js";
import { ApiError, apiErrorFrom } from "../core/errors/api-error.js";
import { InvalidInputError } from "../core/errors/invalid-input-error.js";
import { PayoutsError } from "../core/errors/payouts-error.js";
import { AbortedError } from "../core/errors/transport-errors.js";
import { checkSignal, duplicatesIn, readArray, readFields, readOptions } from "../core/input.js";
import { hasNextPage, pagination } from "../core/response-info.js";
import { backoffDelay, isRetryable, type RetryOptions, retryPolicy } from "../core/retry-policy.js";
import { sendOnce } from "../core/send-once.js";
import { checkBody, type SchemaValidator } from "../core/validate.js";
import type { RewardsClient } from "./client.js";
import { compareAnswer } from "./compare-answer.js";

export interface MarkRewardsInput {
  /** Reward ids: positive integers, each once (duplicates are refused, not merged). */
  rewardIds: number[];
  state: RewardState;
  /** Sent as `reward.passcode` when given. Never shown in errors or events. */
  passcode?: number;
}

/** What `onAttempt` hears after each attempt. Holds no secret and no request. */
export interface AttemptEvent {
  attempt: number;
  status?: number;
  error?: PayoutsError;
  /** Set when another attempt follows after this wait. */
  retryInMs?: number;
}

export interface MarkRewardsOptions extends RetryOptions {
  signal?: AbortSignal;
  onAttempt?: (event: AttemptEvent) => void;
}

export type MarkRewardsResult =
  | {
      ok: true;
      rewards: Reward[];
      perPage?: number;
      total?: number;
      /**
       * False when some requested rewards are not in the answer (a first page only, as
       * `total` or `Link: rel="next"` may say, or ids the server left out): see `missing`.
       */
      complete: boolean;
      /** Requested ids the answer does not list, in request order. */
      missing: number[];
      attempts: number;
    }
  | { ok: false; error: PayoutsError; attempts: number };

const BULK_UPDATE = "/api/v1/finance/rewards/bulk_update";
const OPTION_KEYS = [
  "signal",
  "onAttempt",
  "maxAttempts",
  "baseDelayMs",
  "maxDelayMs",
  "totalTimeoutMs",
  "random",
] as const satisfies ReadonlyArray<keyof MarkRewardsOptions>;
const validateBody = bulkUpdateRewardStateBody as unknown as SchemaValidator;
const FIELDS = {
  "/reward/reward_ids": "rewardIds",
  "/reward/state": "state",
  "/reward/passcode": "passcode",
};

/**
 * Marks DRVN rewards as paid or pending. Idempotent, so retried on connection
 * failures, timeouts, 408, 429 and 5xx (see RetryOptions), the same body each time.
 */
export async function markRewards(
  client: RewardsClient,
  input: MarkRewardsInput,
  options: MarkRewardsOptions = {},
): Promise<MarkRewardsResult> {
  const { body, passcode, rewardIds, state } = toRequestBody(input);
  const { signal, onAttempt, ...retry } = readOptions(options, OPTION_KEYS);
  const policy = retryPolicy(retry);
  const callerSignal = checkSignal(signal);
  if (onAttempt !== undefined && typeof onAttempt !== "function") {
    throw new InvalidInputError("options.onAttempt", "must be a function");
  }
  const report = (onAttempt ?? (() => {})) as (event: AttemptEvent) => void;
  const secrets =
    passcode === undefined ? secretsOf(client) : [...secretsOf(client), String(passcode)];
  const where = `PATCH ${BULK_UPDATE}`;
  const call = callDeadline(callerSignal, policy.totalTimeoutMs);
  try {
    for (let attempt = 1; ; attempt++) {
      const { status, result } = await attemptOnce(client, body, where, secrets, call.signal);
      const checked = result instanceof Error ? result : compareAnswer(result, rewardIds, state);
      if (!(checked instanceof Error)) {
        report({ attempt, status });
        return { ...checked, attempts: attempt };
      }
      // Our own deadline aborts the attempt too: which signal fired says which it was.
      const failure = call.timedOut() ? call.timeoutError(where) : checked;
      const retryAfterMs = failure instanceof ApiError ? failure.retryAfterMs : undefined;
      const delay = backoffDelay(attempt, policy, retryAfterMs);
      const again =
        isRetryable(failure) && attempt < policy.maxAttempts && delay < call.remainingMs();
      report({
        attempt,
        status: status ?? statusOf(failure),
        error: failure,
        retryInMs: again ? delay : undefined,
      });
      if (!again) return { ok: false, error: failure, attempts: attempt };
      if (!(await call.sleep(delay))) {
        return {
          ok: false,
          error: call.timedOut() ? call.timeoutError(where) : aborted(where),
          attempts: attempt,
        };
      }
    }
  } finally {
    call.dispose();
  }
}

/** A 2xx whose body holds a `rewards` array, before it is compared with the request. */
export interface Listed {
  status: number;
  rewards: unknown[];
  perPage?: number;
  total?: number;
  nextPage: boolean;
}

async function attemptOnce(
  client: RewardsClient,
  body: RewardStateUpdate,
  where: string,
  secrets: readonly string[],
  signal: AbortSignal,
): Promise<{ status?: number; result: Listed | PayoutsError }> {
  // A fresh Request from the same plain body on every attempt: nothing is re-read.
  const answer = await sendOnce(
    (init) => client.PATCH(BULK_UPDATE, { body, ...init }),
    where,
    secrets,
    signal,
  );
  if (answer instanceof PayoutsError) return { result: answer };
  const { response, body: answerBody, bodyFailure } = answer;
  const { status } = response;
  if (bodyFailure) return { status, result: bodyFailure };
  const rewards = response.ok ? (answerBody as { rewards?: unknown } | null)?.rewards : undefined;
  if (Array.isArray(rewards)) {
    const { perPage, total } = pagination(response);
    return { status, result: { status, rewards, perPage, total, nextPage: hasNextPage(response) } };
  }
  return { status, result: apiErrorFrom(response, where, answerBody, secrets) };
}

function toRequestBody(input: unknown) {
  const { rewardIds, state, passcode } = readFields(input, "input", [
    "rewardIds",
    "state",
    "passcode",
  ] as const);
  // Snapshots, read once: the duplicate check, the validator and the body see the same ids.
  const ids = readArray(rewardIds, "rewardIds", "reward ids");
  const repeated = duplicatesIn(ids);
  if (repeated.length > 0) {
    throw new InvalidInputError(
      "rewardIds",
      `lists ${repeated.slice(0, 5).join(", ")} more than once`,
    );
  }
  // No prototypes: the validator and JSON.stringify see exactly these fields.
  const reward = Object.assign(Object.create(null), { reward_ids: ids, state });
  if (passcode !== undefined) reward.passcode = passcode;
  const body = Object.assign(Object.create(null), { reward });
  checkBody(validateBody, body, FIELDS);
  return {
    body: body as RewardStateUpdate,
    passcode: passcode as number | undefined,
    rewardIds: ids as number[],
    state: state as RewardState,
  };
}

const aborted = (where: string) => new AbortedError(`${where}: aborted by the caller`);
const statusOf = (error: PayoutsError) => (error as { status?: number }).status;
