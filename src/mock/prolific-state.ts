// Prolific's state in a mock: set-up creates a bulk payment from its CSV rows; pay accepts
// it and, after `payDelayMs`, adds each row's amount to the submission's `bonus_payments`.
// Paying the same id again pays again, as the vendor says the real API does; the journal
// flags it "double-pay". Submission reads and a study's list show all of it.
import { randomBytes } from "node:crypto";
import type { Engine } from "./engine.js";
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
  participant: string | null;
  status: string;
  started_at: string;
  completed_at?: string | null;
  entered_code?: string | null;
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

/** The short form a study's list shows (it documents no `bonus_payments`). */
const short = (s: Submission) => ({
  id: s.id,
  participant_id: s.participant,
  started_at: s.started_at,
  completed_at: s.completed_at ?? null,
  status: s.status,
  study_code: s.entered_code ?? null,
  has_siblings: false,
  return_requested: null,
});

/** The vendor's fee model as its set-up example shows it: a third, in hundredths of a minor unit, rounded up; no VAT. */
const feesOf = (amount: number) => Math.ceil((amount * 100) / 3) / 100;
const cents = (n: number) => Math.round(n * 100) / 100;

export function prolificState(engine: Engine, options: ProlificStateOptions = {}): MockState {
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
    const now = new Date().toISOString();
    const created: Submission = {
      id: newId(),
      study_id: study,
      participant: id,
      status: "APPROVED",
      started_at: now,
      completed_at: now,
      entered_code: null,
      bonus_payments: [],
    };
    submissions.set(created.id, created);
    return created;
  }

  function setUp(study: string, csv: string, id = newId()): BulkPayment {
    const rows = parseRows(csv);
    for (const row of rows) submissionFor(study, row.id);
    const amount = rows.reduce((sum, r) => sum + r.minor, 0);
    const fees = feesOf(amount);
    const payment = {
      id,
      study,
      rows,
      amount,
      fees,
      vat: 0,
      total_amount: cents(amount + fees),
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

  function list(study: string, query: StateRequest["query"], host = "localhost"): StateResult {
    const all = [...submissions.values()].filter((s) => s.study_id === study);
    if (all.length === 0) return { documented: 404 };
    const limit = Number(query.limit ?? 200);
    const offset = Number(query.offset ?? 0);
    const path = `/api/v1/studies/${encodeURIComponent(study)}/submissions/`;
    const more = offset + limit < all.length;
    return json(200, {
      results: all.slice(offset, offset + limit).map(short),
      meta: { count: all.length },
      _links: {
        next: {
          href: more ? `http://${host}${path}?limit=${limit}&offset=${offset + limit}` : null,
        },
      },
    });
  }

  function reset(): void {
    for (const timer of timers) clearTimeout(timer);
    timers.clear();
    payments = new Map();
    submissions = new Map();
    // The spec's recorded submission (the vendor's example), as it is before any pay here.
    for (const example of Object.values(engine.examples("get-submission", 200))) {
      const submission = structuredClone(example) as Submission;
      submissions.set(submission.id, submission);
    }
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
        case "get-submission": {
          const found = submissions.get(request.params.id ?? "");
          return found ? json(200, found) : { documented: 404 };
        }
        case "list-study-submissions":
          return list(request.params.id ?? "", request.query, request.headers.host);
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
