#!/usr/bin/env node
// payouts-ledger, the bin: an operator's view of the pay ledger (list, show, reconcile,
// resolve). What it does is runLedgerCli (ledger-cli-run.ts), given this process's own.
import { runLedgerCli } from "./ledger-cli-run.js";

runLedgerCli(process.argv.slice(2), {
  env: process.env,
  out: (line) => console.log(line),
  err: (line) => console.error(line),
}).then((code) => process.exit(code));
