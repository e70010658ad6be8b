// payBonuses with a shared ledger: claim the id (durably, atomically) before anything
// leaves, snapshot the submissions' bonus_payments, mark the entry as sending, send once,
// settle. The ledger, not this process, decides whether the id may be paid.
import { InvalidInputError } from "../core/errors/invalid-input-error.js";
import { AbortedError } from "../core/errors/transport-errors.js";
import type { PayLedger } from "../ledger/index.js";
import { takeSnapshot } from "./bonus-snapshot.js";
import type { ProlificClient } from "./client.js";
import type { PayOutcome } from "./pay-bonuses.js";

const LEDGER_METHODS = ["claim", "markSending", "settle", "get"] as const;

export function checkLedger(ledger: unknown): PayLedger {
  const l = ledger as Record<string, unknown> | null;
  if (typeof l !== "object" || l === null || LEDGER_METHODS.some((m) => typeof l[m] !== "function"))
    throw new InvalidInputError(
      "options.ledger",
      "must be a pay ledger (memoryLedger(), fileLedger(dir) or postgresLedger(...))",
    );
  return ledger as PayLedger;
}

export async function payWithLedger(
  client: ProlificClient,
  id: string,
  ledger: PayLedger,
  signal: AbortSignal | undefined,
  send: () => Promise<PayOutcome>,
): Promise<PayOutcome> {
  const where = () => `pay ${JSON.stringify(id)}`; // only for the messages of an abort
  if (signal?.aborted) throw new AbortedError(`${where()}: aborted before claiming`);
  const entry = await ledger.claim(id); // DuplicatePayError when another holds it
  try {
    const snapshot = entry.setUp && (await takeSnapshot(client, entry.setUp, { signal }));
    if (signal?.aborted) throw new AbortedError(`${where()}: aborted before sending`);
    await ledger.markSending(
      id,
      snapshot ? { snapshot } : { noSnapshot: "no set-up rows were recorded for this id" },
    );
  } catch (error) {
    // Nothing has left: free the id again, and say so.
    await ledger.settle(id, "rejected", `not sent: ${describe(error)}`).catch(() => {});
    throw error;
  }
  const outcome = await send();
  // If settling fails, the entry stays in flight: still refused everywhere, and listed
  // for an operator. The caller still learns what happened to the money.
  await ledger.settle(id, outcome.outcome, detailOf(outcome)).catch(() => {});
  return outcome;
}

function detailOf(outcome: PayOutcome): string {
  if (outcome.outcome === "accepted") return `${outcome.status} ${outcome.message ?? ""}`.trim();
  return describe(outcome.error);
}

const describe = (error: unknown) =>
  error instanceof Error ? `${error.name}: ${error.message}`.slice(0, 500) : String(error);
