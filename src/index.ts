export {
  type Bonus,
  type BonusPaymentsInput,
  createBonusPayments,
  type SetUpResult,
} from "./create-bonus-payments.js";
export {
  ApiError,
  BadRequestError,
  ForbiddenError,
  NotFoundError,
  RateLimitError,
  ServerError,
  UnauthorizedError,
  ValidationError,
} from "./errors/api-error.js";
export { InvalidInputError } from "./errors/invalid-input-error.js";
export { PayoutsError } from "./errors/payouts-error.js";
export {
  AbortedError,
  ConnectionError,
  DuplicatePayError,
  TimeoutError,
} from "./errors/transport-errors.js";
export {
  type AttemptEvent,
  type MarkRewardsInput,
  type MarkRewardsOptions,
  type MarkRewardsResult,
  markRewards,
} from "./mark-rewards.js";
export { type ClientOptions, DEFAULT_TIMEOUT_MS } from "./options.js";
export { type PayOptions, type PayOutcome, payBonuses } from "./pay-bonuses.js";
export { createProlificClient, PROLIFIC_BASE_URL, type ProlificClient } from "./prolific.js";
export { type PrismViolation, pagination, prismViolations } from "./response-info.js";
export { RETRY_DEFAULTS, type RetryOptions } from "./retry-policy.js";
export { createRewardsClient, type RewardsClient, type RewardsClientOptions } from "./rewards.js";
export type * from "./types.js";
