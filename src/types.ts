// The specs' named schemas, re-exported under their own names.
export type {
  BonusPaymentsSetup,
  BulkBonusPayment,
  ErrorEnvelope,
  MessageError,
  MinorUnits,
  NullableMinorUnits,
  ProlificError,
  paths as ProlificPaths,
} from "../generated/prolific.js";
export type {
  DeviseError,
  paths as RewardsPaths,
  Reward,
  RewardId,
  RewardList,
  RewardParty,
  RewardState,
  RewardStateUpdate,
  ValidationErrors,
} from "../generated/rewards.js";
