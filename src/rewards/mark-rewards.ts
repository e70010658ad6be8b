import type { Reward, RewardState, RewardStateUpdate } from "../../generated/rewards.js";
import { bulkUpdateRewardStateBody } from "../../generated/rewards.validators.js";
import { callDeadline } from "../core/call-deadline.js";
import { secretsOf } from "../core/create-client.js";
import { ApiError, apiErrorFrom } from "../core/errors/api-error.js";
import { InvalidInputError } from "../core/errors/invalid-input-error.js";
import { PayoutsError } from "../core/errors/payouts-error.js";
import { AbortedError } from "../core/errors/transport-errors.js";
import { checkSignal, duplicatesIn, readArray, readFields, readOptions } from "../core/input.js";
import { pagination } from "../core/response-info.js";
import { backoffDelay, isRetryable, type RetryOptions, retryPolicy } from "../core/retry-policy.js";
import { sendOnce } from "../core/send-once.js";
import { checkBody, type SchemaValidator } from "../core/validate.js";
import type { RewardsClient } from "./client.js";

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
      /** False when `total` says the body lists only the first page of the rewards. */
      complete: boolean;
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
  const { body, passcode } = toRequestBody(input);
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
      const result = await attemptOnce(client, body, where, secrets, call.signal);
      if (!(result instanceof Error)) {
        report({ attempt, status: 200 });
        return { ...result, attempts: attempt };
      }
      // Our own deadline aborts the attempt too; report it as the timeout it is.
      const failure = call.deadlinePassed() ? call.timeoutError(where) : result;
      const retryAfterMs = failure instanceof ApiError ? failure.retryAfterMs : undefined;
      const delay = backoffDelay(attempt, policy, retryAfterMs);
      const again =
        isRetryable(failure) && attempt < policy.maxAttempts && delay < call.remainingMs();
      report({
        attempt,
        status: statusOf(failure),
        error: failure,
        retryInMs: again ? delay : undefined,
      });
      if (!again) return { ok: false, error: failure, attempts: attempt };
      if (!(await call.sleep(delay))) {
        return {
          ok: false,
          error: call.deadlinePassed() ? call.timeoutError(where) : aborted(where),
          attempts: attempt,
        };
      }
    }
  } finally {
    call.dispose();
  }
}

type Success = Omit<Extract<MarkRewardsResult, { ok: true }>, "attempts">;

async function attemptOnce(
  client: RewardsClient,
  body: RewardStateUpdate,
  where: string,
  secrets: readonly string[],
  signal: AbortSignal,
): Promise<Success | PayoutsError> {
  // A fresh Request from the same plain body on every attempt: nothing is re-read.
  const answer = await sendOnce(
    (init) => client.PATCH(BULK_UPDATE, { body, ...init }),
    where,
    secrets,
    signal,
  );
  if (answer instanceof PayoutsError) return answer;
  const { response, body: answerBody, bodyFailure } = answer;
  if (bodyFailure) return bodyFailure;
  if (response.ok && Array.isArray((answerBody as { rewards?: unknown })?.rewards)) {
    const rewards = (answerBody as { rewards: Reward[] }).rewards;
    const { perPage, total } = pagination(response);
    return {
      ok: true,
      rewards,
      perPage,
      total,
      complete: total === undefined || rewards.length >= total,
    };
  }
  return apiErrorFrom(response, where, answerBody, secrets);
}

function toRequestBody(input: unknown) {
  const { rewardIds, state, passcode } = readFields(input, "input", [
    "rewardIds",
    "state",
    "passcode",
  ] as const);
  const ids = readArray(rewardIds, "rewardIds", "reward ids");
  const repeated = duplicatesIn(ids);
  if (repeated.length > 0) {
    throw new InvalidInputError(
      "rewardIds",
      `lists ${repeated.slice(0, 5).join(", ")} more than once`,
    );
  }
  const reward =
    passcode === undefined
      ? { reward_ids: [...ids], state }
      : { reward_ids: [...ids], state, passcode };
  const body = { reward };
  checkBody(validateBody, body, FIELDS);
  return { body: body as RewardStateUpdate, passcode: passcode as number | undefined };
}

const aborted = (where: string) => new AbortedError(`${where}: aborted by the caller`);
const statusOf = (error: PayoutsError) => (error as { status?: number }).status;
