export {
  ApiError,
  BadRequestError,
  ForbiddenError,
  NotFoundError,
  RateLimitError,
  RedirectError,
  ServerError,
  UnauthorizedError,
  ValidationError,
} from "./core/errors/api-error.js";
export { InvalidInputError } from "./core/errors/invalid-input-error.js";
export { PagingError } from "./core/errors/paging-error.js";
export { PayoutsError } from "./core/errors/payouts-error.js";
export {
  AbortedError,
  type ClaimInfo,
  ConnectionError,
  DuplicatePayError,
  ResponseTooLargeError,
  TimeoutError,
} from "./core/errors/transport-errors.js";
export { UnexpectedAnswerError } from "./core/errors/unexpected-answer-error.js";
export {
  type ClientOptions,
  DEFAULT_MAX_RESPONSE_BYTES,
  DEFAULT_TIMEOUT_MS,
} from "./core/options.js";
export { type PrismViolation, pagination, prismViolations } from "./core/response-info.js";
export { RETRY_DEFAULTS, type RetryOptions } from "./core/retry-policy.js";
export {
  fileLedger,
  LEDGER_MIGRATION,
  LEDGER_TABLE,
  type LedgerEntry,
  type LedgerState,
  memoryLedger,
  type PayLedger,
  type PostgresLedgerOptions,
  postgresLedger,
  type SetUpRecord,
  type SetUpRow,
  type Snapshot,
  VERDICTS,
  type Verdict,
} from "./ledger/index.js";
export { createProlificClient, PROLIFIC_BASE_URL, type ProlificClient } from "./prolific/client.js";
export {
  type Bonus,
  type BonusPaymentsInput,
  createBonusPayments,
  type SetUpResult,
} from "./prolific/create-bonus-payments.js";
export { type PayOptions, type PayOutcome, payBonuses } from "./prolific/pay-bonuses.js";
export {
  DEFAULT_SETTLE_WINDOW_MS,
  type Finding,
  type ReconcileOptions,
  type Reconciliation,
  type RowFinding,
  reconcilePayment,
} from "./prolific/reconcile-payment.js";
export {
  getSubmission,
  type ListSubmissionsOptions,
  listStudySubmissions,
  type ReadOptions,
} from "./prolific/submissions.js";
export {
  createRewardsClient,
  type RewardsClient,
  type RewardsClientOptions,
} from "./rewards/client.js";
export {
  type ListRewardsInput,
  type ListRewardsOptions,
  listRewards,
} from "./rewards/list-rewards.js";
export {
  type AttemptEvent,
  type MarkRewardsInput,
  type MarkRewardsOptions,
  type MarkRewardsResult,
  markRewards,
} from "./rewards/mark-rewards.js";
export { type Session, type SignInInput, signIn } from "./rewards/sign-in.js";
export type * from "./types.js";
