// The pay ledger: its contract and its stores.
export { fileLedger } from "./file-ledger.js";
export { memoryLedger } from "./memory-ledger.js";
export {
  type LedgerEntry,
  type LedgerState,
  type PayLedger,
  type SetUpRecord,
  type SetUpRow,
  type Snapshot,
  VERDICTS,
  type Verdict,
} from "./pay-ledger.js";
export {
  LEDGER_MIGRATION,
  LEDGER_TABLE,
  type PostgresLedgerOptions,
  postgresLedger,
} from "./postgres-ledger.js";
