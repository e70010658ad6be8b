// Prolific's state in a mock: set-up creates a bulk payment from its CSV rows; pay accepts
// it and, after `payDelayMs`, adds each row's amount to the submission's `bonus_payments`.
// Paying the same id again pays again, as the vendor says the real API does; the journal
// flags it "double-pay".
import { randomBytes } from "node:crypto";
import { json, type MockState, type StateRequest, type StateResult } from "./state.js";

export interface ProlificStateOptions {
  /** Delay between an accepted pay and the bonuses showing on the submissions. Default 0. */
  payDelayMs?: number;
}

interface Row {
  /** The CSV row's participant or submission id. */
  id: string;
  /** Minor units (may be fractional, as the vendor's amounts are). */
  minor: number;
}
interface BulkPayment {
  id: string;
  study: string;
  rows: Row[];
  amount: number;
  fees: number;
  vat: number;
  total_amount: number;
  paid: number;
}
interface Submission {
  id: string;
  study_id: string;
  participant: string;
  status: string;
  started_at: string;
  completed_at: string | null;
  bonus_payments: number[];
}

/** The bulk payment of the vendor's pay example, set up so a team can pay it at once. */
export const SEEDED_PAYMENT_ID = "8f14e45f-ceea-4d3a-9f2b-1a2b3c4d5e6f";
const SEEDED_STUDY = "60d5f1a2b3c4d5e6f7a8b9c0";
const SEEDED_CSV = "60d5f1a2b3c4d5e6f7a8b9c1,4.25\n60d5f1a2b3c4d5e6f7a8b9c2,4.25";

const newId = () => randomBytes(12).toString("hex");

/** "4.25" → 425, "30" → 3000, "0.125" → 12.5, exactly (no float multiplication). */
export function toMinor(amount: string): number {
  const [whole = "0", fraction = ""] = amount.split(".");
  const cents = fraction.padEnd(2, "0");
  return Number(`${whole}${cents.slice(0, 2)}.${cents.slice(2) || "0"}`);
}

const parseRows = (csv: string): Row[] =>
  csv
    .split("\n")
    .filter((line) => line !== "")
    .map((line) => {
      const [id = "", amount = "0"] = line.split(",");
      return { id, minor: toMinor(amount) };
    });

export function prolificState(options: ProlificStateOptions = {}): MockState {
  const payDelayMs = options.payDelayMs ?? 0;
  let payments = new Map<string, BulkPayment>();
  let submissions = new Map<string, Submission>();
  const timers = new Set<NodeJS.Timeout>();

  /** The study's submission for a CSV id: that submission, or the participant's (made on first sight). */
  function submissionFor(study: string, id: string): Submission {
    const byId = submissions.get(id);
    if (byId?.study_id === study) return byId;
    for (const s of submissions.values())
      if (s.study_id === study && s.participant === id) return s;
    const created: Submission = {
      id: newId(),
      study_id: study,
      participant: id,
      status: "APPROVED",
      started_at: new Date().toISOString(),
      completed_at: new Date().toISOString(),
      bonus_payments: [],
    };
    submissions.set(created.id, created);
    return created;
  }

  function setUp(study: string, csv: string, id = newId()): BulkPayment {
    const rows = parseRows(csv);
    for (const row of rows) submissionFor(study, row.id);
    const amount = rows.reduce((sum, r) => sum + r.minor, 0);
    // The fee model of the spec's example (a third of the amount, 20% VAT on fees), whole units.
    const fees = Math.round(amount / 3);
    const vat = Math.round(fees * 0.2);
    const payment = {
      id,
      study,
      rows,
      amount,
      fees,
      vat,
      total_amount: amount + fees + vat,
      paid: 0,
    };
    payments.set(id, payment);
    return payment;
  }

  function settle(payment: BulkPayment): void {
    for (const row of payment.rows)
      submissionFor(payment.study, row.id).bonus_payments.push(row.minor);
  }

  function pay(id: string): StateResult {
    const payment = payments.get(id);
    if (!payment) return { documented: 404 };
    payment.paid += 1;
    if (payDelayMs === 0) settle(payment);
    else {
      const timer = setTimeout(() => {
        timers.delete(timer);
        settle(payment);
      }, payDelayMs);
      timers.add(timer);
    }
    const message = `Bulk bonus payment with ID ${id} is being processed asynchronously. Payments will be completed shortly.`;
    return { ...json(202, message), flags: payment.paid > 1 ? ["double-pay"] : [] };
  }

  function reset(): void {
    for (const timer of timers) clearTimeout(timer);
    timers.clear();
    payments = new Map();
    submissions = new Map();
    setUp(SEEDED_STUDY, SEEDED_CSV, SEEDED_PAYMENT_ID);
  }
  reset();

  return {
    handle(request: StateRequest): StateResult {
      const body = request.body as { study_id: string; csv_bonuses: string };
      switch (request.operationId) {
        case "set-up-bonus-payments": {
          const { rows: _rows, paid: _paid, ...payment } = setUp(body.study_id, body.csv_bonuses);
          return json(201, payment);
        }
        case "pay-bonus-payments":
          return pay(request.params.id ?? "");
        default:
          return undefined;
      }
    },
    snapshot: () => ({
      bulkBonusPayments: [...payments.values()],
      submissions: [...submissions.values()],
      pendingPays: timers.size,
    }),
    reset,
    close: () => {
      for (const timer of timers) clearTimeout(timer);
      timers.clear();
    },
  };
}
