import type { BulkBonusPayment } from "../../generated/prolific.js";
import { setUpBonusPaymentsBody } from "../../generated/prolific.validators.js";
import { secretsOf } from "../core/create-client.js";
import { apiErrorFrom } from "../core/errors/api-error.js";
import { InvalidInputError } from "../core/errors/invalid-input-error.js";
import { PayoutsError } from "../core/errors/payouts-error.js";
import { checkSignal, duplicatesIn, readArray, readFields, readOptions } from "../core/input.js";
import { sendOnce } from "../core/send-once.js";
import { checkBody, type SchemaValidator } from "../core/validate.js";
import type { PayLedger } from "../ledger/index.js";
import type { ProlificClient } from "./client.js";
import { checkLedger } from "./pay-with-ledger.js";

export interface Bonus {
  /** Participant or submission id. */
  participantId: string;
  /** Decimal string in the study's currency, major units: "4.25" is £4.25. */
  amount: string;
}

export interface BonusPaymentsInput {
  studyId: string;
  bonuses: Bonus[];
}

export type SetUpResult =
  | { ok: true; payment: BulkBonusPayment }
  | { ok: false; error: PayoutsError };

const SET_UP = "/api/v1/submissions/bonus-payments/";
const validateBody = setUpBonusPaymentsBody as unknown as SchemaValidator;
const FIELDS = { "/study_id": "studyId", "/csv_bonuses": "bonuses" };
// Each field of a row on its own, anchored at both ends (`$` without the m flag is the
// very end): a field cannot hold the row separator (newline) or the column separator
// (comma), so one input row is exactly one CSV row. The spec's pattern then checks the
// joined body; it alone would accept an amount "1.00\np2,1000" as two valid rows.
// biome-ignore lint/suspicious/noControlCharactersInRegex: refusing them is the point
const PARTICIPANT_ID = /^[^,\s\u0000-\u001f\u007f]+$/;
const AMOUNT = /^(?=[0-9.]*[1-9])[0-9]+(\.[0-9]+)?$/;

/**
 * Sets up (does not pay) a bulk bonus payment. Input is checked against the spec
 * before anything is sent, row by row so a message names the bad row. Not retried:
 * a repeat would only leave an unpaid duplicate behind, but the caller decides.
 */
export async function createBonusPayments(
  client: ProlificClient,
  input: BonusPaymentsInput,
  options: { signal?: AbortSignal; ledger?: PayLedger } = {},
): Promise<SetUpResult> {
  const body = toRequestBody(input);
  const read = readOptions(options, ["signal", "ledger"] as const);
  const signal = checkSignal(read.signal);
  const ledger = read.ledger === undefined ? undefined : checkLedger(read.ledger);
  const secrets = secretsOf(client);
  const where = `POST ${SET_UP}`;
  const answer = await sendOnce(
    (init) => client.POST(SET_UP, { body, ...init }),
    where,
    secrets,
    signal,
  );
  if (answer instanceof PayoutsError) return { ok: false, error: answer };
  const { response, body: answerBody, bodyFailure } = answer;
  if (response.status === 201 && !bodyFailure && isPayment(answerBody)) {
    // Kept for reconcilePayment: which rows this payment pays (nothing is paid yet).
    await ledger?.recordSetUp(answerBody.id, { studyId: body.study_id, rows: rowsOf(body) });
    return { ok: true, payment: answerBody };
  }
  return { ok: false, error: bodyFailure ?? apiErrorFrom(response, where, answerBody, secrets) };
}

function toRequestBody(input: unknown): { study_id: string; csv_bonuses: string } {
  const { studyId, bonuses } = readFields(input, "input", ["studyId", "bonuses"] as const);
  if (typeof studyId !== "string") throw new InvalidInputError("studyId", "must be a string");
  const rows = readArray(bonuses, "bonuses", "{ participantId, amount }");
  if (rows.length === 0) throw new InvalidInputError("bonuses", "has no rows");
  const lines = rows.map((row, i) => {
    const { participantId, amount } = readFields(row, `bonuses[${i}]`, [
      "participantId",
      "amount",
    ] as const);
    if (typeof participantId !== "string") {
      throw new InvalidInputError(`bonuses[${i}].participantId`, "must be a string");
    }
    if (typeof amount !== "string") {
      throw new InvalidInputError(
        `bonuses[${i}].amount`,
        'must be a decimal string like "4.25" (numbers lose exactness)',
      );
    }
    if (!PARTICIPANT_ID.test(participantId)) {
      throw new InvalidInputError(
        `bonuses[${i}].participantId`,
        "must be non-empty, with no comma, whitespace or control character",
      );
    }
    if (!AMOUNT.test(amount)) {
      throw new InvalidInputError(
        `bonuses[${i}].amount`,
        'must be a positive decimal like "4.25", digits and one dot only',
      );
    }
    const line = `${participantId},${amount}`;
    // One row at a time through the spec's own rule, so the message can name the row.
    if (!validateBody({ study_id: "x", csv_bonuses: line })) {
      throw new InvalidInputError(`bonuses[${i}]`, "breaks the spec's rule for a row");
    }
    return { participantId, line };
  });
  const repeated = duplicatesIn(lines.map((l) => l.participantId));
  if (repeated.length > 0) {
    throw new InvalidInputError(
      "bonuses",
      `pays ${repeated.slice(0, 5).join(", ")} more than once; merge the rows`,
    );
  }
  // No prototype: the validator and JSON.stringify see exactly these two fields.
  const body = Object.assign(Object.create(null), {
    study_id: studyId,
    csv_bonuses: lines.map((l) => l.line).join("\n"),
  }) as { study_id: string; csv_bonuses: string };
  checkBody(validateBody, body, FIELDS);
  return body;
}

function rowsOf(body: { csv_bonuses: string }) {
  return body.csv_bonuses.split("\n").map((line) => {
    const [participantId = "", amount = ""] = line.split(",");
    return { participantId, amount };
  });
}

function isPayment(value: unknown): value is BulkBonusPayment {
  const v = value as Partial<BulkBonusPayment> | null;
  // Number.isFinite takes numbers only, never a numeric string. The total is in minor
  // units and may be fractional (the vendor's own example: 1133.34): kept as received.
  return typeof v?.id === "string" && Number.isFinite(v.total_amount);
}
