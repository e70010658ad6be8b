import { secretsOf } from "../core/create-client.js";
import { type ApiError, apiErrorFrom } from "../core/errors/api-error.js";
import { classifyFailure } from "../core/errors/classify-failure.js";
import { InvalidInputError } from "../core/errors/invalid-input-error.js";
import { PayoutsError } from "../core/errors/payouts-error.js";
import {
  AbortedError,
  ConnectionError,
  DuplicatePayError,
} from "../core/errors/transport-errors.js";
import { checkSignal, readOptions } from "../core/input.js";
import { redactString } from "../core/redact.js";
import { type SendInit, sendOnce } from "../core/send-once.js";
import type { PayLedger } from "../ledger/index.js";
import type { ProlificClient } from "./client.js";
import { checkLedger, payWithLedger } from "./pay-with-ledger.js";

export type PayOutcome =
  /** 202: Prolific took the payment; it completes within minutes. */
  | { outcome: "accepted"; id: string; status: number; message: string | undefined }
  /** Definitely nothing paid: a 4xx, or a connection that never reached the server. */
  | { outcome: "rejected"; id: string; error: ApiError | ConnectionError }
  /** Money may have moved. Do not pay again before checking the balance. */
  | { outcome: "unknown"; id: string; error: PayoutsError; advice: string };

export interface PayOptions {
  /** Aborts the call. An abort after sending gives "unknown". */
  signal?: AbortSignal;
  /**
   * Pay an id this client already has in flight, accepted, or unknown. Default false:
   * such a pay is refused with DuplicatePayError, since paying again pays twice.
   */
  payAgain?: boolean;
  /**
   * A ledger shared by processes or machines (`fileLedger`, `postgresLedger`): the id
   * is claimed in it before sending and settled after; a claimed id is refused
   * everywhere until an operator resolves it. Default: a guard in this client's memory.
   */
  ledger?: PayLedger;
}

const PAY = "/api/v1/bulk-bonus-payments/{id}/pay/";
const MAX_ID_LENGTH = 256;
const UNKNOWN_ADVICE =
  "The pay request may have reached Prolific and the participants may have been paid. " +
  "Do not retry blindly: check the workspace balance and the participants' bonuses first.";

// What each client has paid, by bulk bonus payment id. Weak: it dies with the client.
const payments = new WeakMap<ProlificClient, Map<string, "in-flight" | "accepted" | "unknown">>();

/**
 * Pays a bulk bonus payment set up by `createBonusPayments`. Sends at most one
 * request and never retries: Prolific pays again for every request it receives.
 */
export async function payBonuses(
  client: ProlificClient,
  id: string,
  options: PayOptions = {},
): Promise<PayOutcome> {
  checkPaymentId(id);
  const {
    signal,
    payAgain = false,
    ledger,
  } = readOptions(options, ["signal", "payAgain", "ledger"] as const);
  if (typeof payAgain !== "boolean")
    throw new InvalidInputError("options.payAgain", "must be true or false");
  const abortSignal = checkSignal(signal);
  const send = () =>
    payOnce(client, id, abortSignal).catch(
      // From here on the request may have been sent: whatever went wrong is an outcome.
      (thrown: unknown): PayOutcome =>
        unknown(id, classifyFailure(thrown, `pay ${id}`, secretsOf(client), undefined)),
    );
  if (ledger !== undefined) {
    if (payAgain)
      throw new InvalidInputError(
        "options.payAgain",
        "cannot override a ledger: resolve the entry",
      );
    const shared = checkLedger(ledger);
    return payWithLedger(client, id, shared, abortSignal, send);
  }
  const paid = payments.get(client) ?? new Map();
  payments.set(client, paid);
  const previous = paid.get(id);
  if (previous && !payAgain) throw new DuplicatePayError(id, previous);
  if (abortSignal?.aborted)
    throw new AbortedError(`pay ${JSON.stringify(id)}: aborted before sending`);

  paid.set(id, "in-flight");
  const outcome = await send();
  if (outcome.outcome === "rejected") paid.delete(id);
  else paid.set(id, outcome.outcome);
  return outcome;
}

const unknown = (id: string, error: PayoutsError): PayOutcome => ({
  outcome: "unknown",
  id,
  error,
  advice: UNKNOWN_ADVICE,
});

async function payOnce(
  client: ProlificClient,
  id: string,
  signal?: AbortSignal,
): Promise<PayOutcome> {
  const where = `POST ${PAY.replace("{id}", encodeURIComponent(id))}`;
  const secrets = secretsOf(client);
  const call = (init: SendInit) => client.POST(PAY, { params: { path: { id } }, ...init });
  const answer = await sendOnce(call, where, secrets, signal);
  if (answer instanceof ConnectionError && !answer.requestMayHaveBeenSent) {
    return { outcome: "rejected", id, error: answer };
  }
  if (answer instanceof PayoutsError) return unknown(id, answer);
  const { response, body, bodyFailure } = answer;
  if (response.status === 202) {
    // Accepted by status; the wording is not a contract and may even be unreadable.
    return {
      outcome: "accepted",
      id,
      status: 202,
      // Redacted like every other text from the server: it may echo the token back.
      message: typeof body === "string" ? redactString(body, secrets) : undefined,
    };
  }
  const error = apiErrorFrom(response, where, body, secrets);
  // A 4xx is a definite "no", even when its body broke off.
  if (response.status >= 400 && response.status < 500) return { outcome: "rejected", id, error };
  // 5xx, another 2xx, or a 3xx (never followed): the server may have acted.
  return unknown(id, bodyFailure ?? error);
}

function checkPaymentId(id: unknown): asserts id is string {
  if (typeof id !== "string")
    throw new InvalidInputError("id", "must be a string (the id from set-up)");
  if (id.trim() === "") throw new InvalidInputError("id", "is empty");
  if (id.length > MAX_ID_LENGTH)
    throw new InvalidInputError("id", `is longer than ${MAX_ID_LENGTH} characters`);
  // biome-ignore lint/suspicious/noControlCharactersInRegex: refusing them is the point
  if (/[\u0000-\u001f\u007f]/.test(id))
    throw new InvalidInputError("id", "holds control characters");
  // "." and ".." are resolved away by URL parsing and would change the route.
  if (id === "." || id === "..") throw new InvalidInputError("id", "cannot be a dot segment");
}
