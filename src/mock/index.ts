export type { FaultName } from "./faults.js";
export { FAULTS } from "./faults.js";
export type {
  ApiName,
  ArmFault,
  Credentials,
  JournalEntry,
  RequestsFilter,
  RunningMocks,
  StartMocksOptions,
} from "./start-mocks.js";
export { APIS, specFile, startMocks } from "./start-mocks.js";
