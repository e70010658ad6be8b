import type { BulkBonusPayment } from "../../generated/prolific.js";
import { setUpBonusPaymentsBody } from "../../generated/prolific.validators.js";
import { secretsOf } from "../core/create-client.js";
import { apiErrorFrom } from "../core/errors/api-error.js";
import { InvalidInputError } from "../core/errors/invalid-input-error.js";
import { PayoutsError } from "../core/errors/payouts-error.js";
import { checkSignal, duplicatesIn, readArray, readFields, readOptions } from "../core/input.js";
import { sendOnce } from "../core/send-once.js";
import { checkBody, type SchemaValidator } from "../core/validate.js";
import type { ProlificClient } from "./client.js";

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

/**
 * Sets up (does not pay) a bulk bonus payment. Input is checked against the spec
 * before anything is sent, row by row so a message names the bad row. Not retried:
 * a repeat would only leave an unpaid duplicate behind, but the caller decides.
 */
export async function createBonusPayments(
  client: ProlificClient,
  input: BonusPaymentsInput,
  options: { signal?: AbortSignal } = {},
): Promise<SetUpResult> {
  const body = toRequestBody(input);
  const signal = checkSignal(readOptions(options, ["signal"] as const).signal);
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
  if (response.status === 201 && !bodyFailure && isPayment(answerBody))
    return { ok: true, payment: answerBody };
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
    const line = `${participantId},${amount}`;
    // One row at a time through the spec's own rule, so the message can name the row.
    if (!validateBody({ study_id: "x", csv_bonuses: line })) {
      throw new InvalidInputError(
        `bonuses[${i}]`,
        'needs a participantId with no comma or whitespace and a positive decimal amount like "4.25"',
      );
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
  const body = { study_id: studyId, csv_bonuses: lines.map((l) => l.line).join("\n") };
  checkBody(validateBody, body, FIELDS);
  return body;
}

function isPayment(value: unknown): value is BulkBonusPayment {
  const v = value as Partial<BulkBonusPayment> | null;
  return (
    typeof v === "object" &&
    v !== null &&
    typeof v.id === "string" &&
    // Minor units that may be fractional (the vendor's own example: 1133.34): kept as received.
    typeof v.total_amount === "number" &&
    Number.isFinite(v.total_amount)
  );
}
