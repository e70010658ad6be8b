export { InvalidInputError } from "./errors/invalid-input-error.js";
export { PayoutsError } from "./errors/payouts-error.js";
export { type ClientOptions, DEFAULT_TIMEOUT_MS } from "./options.js";
export { createProlificClient, PROLIFIC_BASE_URL, type ProlificClient } from "./prolific.js";
export { type PrismViolation, pagination, prismViolations } from "./response-info.js";
export { createRewardsClient, type RewardsClient, type RewardsClientOptions } from "./rewards.js";
export type * from "./types.js";
