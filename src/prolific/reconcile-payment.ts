// Answers "did this pay land?" from the ledger and the submissions' bonus_payments.
// Never pays, never changes the ledger: only an operator's resolve() does that.
import { InvalidInputError } from "../core/errors/invalid-input-error.js";
import { readFields } from "../core/input.js";
import type { LedgerEntry, PayLedger } from "../ledger/index.js";
import { own, readBonusPayments, type SnapshotReadOptions } from "./bonus-snapshot.js";
import type { ProlificClient } from "./client.js";

export type Finding = "paid" | "paid-twice" | "partial" | "not-paid" | "still-unknown";

export interface RowFinding {
  participantId: string;
  amount: string;
  /** The amount in minor units, as bonus_payments holds it. */
  minorUnits: number;
  submissionIds: string[];
  /** How often the amount appeared in bonus_payments since the snapshot. */
  appeared: number;
}

export interface Reconciliation {
  id: string;
  finding: Finding;
  /** Why, in words an operator can act on. */
  reason: string;
  rows: RowFinding[];
  entry: LedgerEntry;
}

export interface ReconcileOptions extends SnapshotReadOptions {
  ledger: PayLedger;
  id: string;
  /** How long after sending a pay may still land. Default 30 minutes (the vendor: "shortly"). */
  settleWindowMs?: number;
  /** The clock, in ms since the epoch. Default Date.now. */
  now?: () => number;
}

export const DEFAULT_SETTLE_WINDOW_MS = 30 * 60_000;
const SAME_AMOUNT_CAVEAT =
  "bonus amounts are not linked to a bulk payment: another bonus of the same amount to the " +
  "same submission since the snapshot would look the same";

export async function reconcilePayment(
  client: ProlificClient,
  options: ReconcileOptions,
): Promise<Reconciliation> {
  const o = readFields(options, "options", [
    "ledger",
    "id",
    "settleWindowMs",
    "now",
    "signal",
    "onProgress",
  ] as const) as Partial<ReconcileOptions>;
  const { ledger, id, settleWindowMs = DEFAULT_SETTLE_WINDOW_MS, now = Date.now } = o;
  if (!ledger) throw new InvalidInputError("options.ledger", "is required");
  if (!Number.isFinite(settleWindowMs) || settleWindowMs < 0)
    throw new InvalidInputError("options.settleWindowMs", "must be a number of ms ≥ 0");
  if (typeof now !== "function") throw new InvalidInputError("options.now", "must be a function");
  const entry = await ledger.get(id as string);
  if (!entry)
    throw new InvalidInputError("id", `${JSON.stringify(id)} is not in ${ledger.location}`);
  const answer = (finding: Finding, reason: string, rows: RowFinding[] = []) => ({
    id: entry.id,
    finding,
    reason,
    rows,
    entry,
  });

  if (entry.state === "set-up") return answer("not-paid", "never claimed: no pay was sent");
  if (entry.state === "rejected")
    return answer("not-paid", `the pay was refused, nothing paid (${entry.settled?.detail})`);
  if (!entry.sending)
    return answer("not-paid", "claimed but never marked as sending: the request never left");
  const snapshot = entry.sending.snapshot;
  if (!snapshot)
    return answer(
      "still-unknown",
      `no snapshot was taken (${entry.sending.noSnapshot}); check the workspace balance and ` +
        "the participants' bonuses by hand",
    );

  const ids = [...new Set(Object.values(snapshot.rowSubmissions).flat())];
  const after = await readBonusPayments(client, ids, o);
  const rows = (entry.setUp?.rows ?? []).map((row): RowFinding => {
    const submissionIds = own(snapshot.rowSubmissions, row.participantId) ?? [];
    const minorUnits = toMinorUnits(row.amount);
    const appeared = submissionIds.reduce((sum, s) => {
      const before = own(snapshot.submissions, s)?.bonusPayments ?? [];
      const added = newSince(before, own(after, s) ?? []);
      return sum + added.filter((p) => p === minorUnits).length;
    }, 0);
    return { ...row, minorUnits, submissionIds, appeared };
  });

  const unmatched = rows.filter((r) => r.submissionIds.length === 0);
  const once = rows.filter((r) => r.appeared === 1).length;
  const clock = now();
  if (!Number.isFinite(clock))
    throw new InvalidInputError("options.now", "must return the time in ms (a finite number)");
  const waited = clock - Date.parse(entry.sending.at);
  const windowOver = waited >= settleWindowMs;
  const until = new Date(Date.parse(entry.sending.at) + settleWindowMs).toISOString();
  if (rows.some((r) => r.appeared > 1))
    return answer(
      "paid-twice",
      `an amount appeared more than once: paid twice (${SAME_AMOUNT_CAVEAT})`,
      rows,
    );
  if (unmatched.length > 0)
    return answer(
      "still-unknown",
      `${unmatched.length} row(s) matched no submission of the study: check them by hand`,
      rows,
    );
  if (once === rows.length)
    return answer(
      "paid",
      `each of the ${rows.length} row(s) appeared once (${SAME_AMOUNT_CAVEAT})`,
      rows,
    );
  if (!windowOver)
    return answer(
      "still-unknown",
      `${once} of ${rows.length} row(s) appeared so far; a pay may still land until ${until}: ` +
        "reconcile again then",
      rows,
    );
  if (once === 0)
    return answer("not-paid", `nothing appeared within the settle window (until ${until})`, rows);
  return answer(
    "partial",
    `${once} of ${rows.length} row(s) appeared within the settle window`,
    rows,
  );
}

/** The amounts in `after` that were not in `before` (as multisets). */
function newSince(before: readonly number[], after: readonly number[]): number[] {
  const left = [...before];
  return after.filter((p) => {
    const i = left.indexOf(p);
    if (i === -1) return true;
    left.splice(i, 1);
    return false;
  });
}

/** "4.25" → 425, exactly (no float multiplication); "0.125" → 12.5. */
export function toMinorUnits(amount: string): number {
  const [whole = "0", fraction = ""] = amount.split(".");
  const cents = fraction.padEnd(2, "0");
  // "425." reads as 425: the fraction of a cent, when there is one, follows the dot.
  return Number(`${whole}${cents.slice(0, 2)}.${cents.slice(2)}`);
}
