// payouts-ledger's four commands, over an open ledger: list, show, reconcile, resolve.
import { hostname } from "node:os";
import type { LedgerEntry, PayLedger } from "../ledger/index.js";
import { createProlificClient } from "./client.js";
import { DEFAULT_SETTLE_WINDOW_MS, reconcilePayment } from "./reconcile-payment.js";

export interface CommandContext {
  ledger: PayLedger;
  /** The parsed flags. */
  values: Record<string, unknown>;
  env: Readonly<Record<string, string | undefined>>;
  /** Write one line (already made safe for a terminal, secrets redacted). */
  out: (text: string) => void;
  err: (text: string) => void;
  /** Values to redact from every line from now on (a token once read). */
  secrets: string[];
}

/** A command or setting the operator got wrong: exit code 2, with a pointer to --help. */
export class UsageError extends Error {}

export async function list({ ledger, out }: CommandContext) {
  const open = await ledger.listOpen();
  out(`${open.length} open entr${open.length === 1 ? "y" : "ies"} in ${ledger.location}`);
  for (const e of open) {
    const sent = e.sending ? "sent" : "not sent";
    out(
      `  ${e.id}  ${e.state}  attempt ${e.attempt}  claimed ${e.claim?.at} by ${e.claim?.host} pid ${e.claim?.pid}  ${sent}`,
    );
  }
  if (open.length > 0) out("Next: payouts-ledger reconcile <id>");
}

export async function show({ ledger, out }: CommandContext, id: string) {
  const entry = await ledger.get(id);
  if (!entry) throw new Error(`${JSON.stringify(id)} is not in ${ledger.location}`);
  out(JSON.stringify(entry, null, 2));
}

function readSubmissions(context: CommandContext, id: string) {
  const { ledger, values, env, err, secrets } = context;
  const token = env.PROLIFIC_TOKEN;
  if (!token) throw new UsageError("reconcile reads PROLIFIC_TOKEN, which is not set");
  secrets.push(token);
  const minutes = values["settle-window-minutes"];
  const settleWindowMs =
    minutes === undefined ? DEFAULT_SETTLE_WINDOW_MS : Number(minutes) * 60_000;
  if (!Number.isFinite(settleWindowMs) || settleWindowMs < 0)
    throw new UsageError("--settle-window-minutes must be a number ≥ 0");
  const baseUrl = (values["base-url"] as string | undefined) ?? env.PROLIFIC_BASE_URL;
  const client = createProlificClient({ token, ...(baseUrl && { baseUrl }) });
  let step = 0;
  return reconcilePayment(client, {
    ledger,
    id,
    settleWindowMs,
    onProgress: ({ read, total }) => {
      step ||= Math.max(1, Math.floor(total / 10));
      if (read % step === 0 || read === total) err(`read ${read}/${total} submissions`);
    },
  });
}

export async function reconcile(context: CommandContext, id: string) {
  const { out } = context;
  const result = await readSubmissions(context, id);
  out(`${result.id}: ${result.finding}`);
  out(`  ${result.reason}`);
  for (const r of result.rows)
    out(
      `  ${r.participantId}  ${r.amount} (${r.minorUnits} minor units)  appeared ${r.appeared}×  in ${r.submissionIds.join(", ") || "no submission"}`,
    );
  if (result.finding !== "still-unknown" && result.entry.state !== "resolved")
    out(
      `Next, once you agree: payouts-ledger resolve ${result.id} --verdict ${result.finding} --note "<who checked what>"`,
    );
}

export async function resolve(context: CommandContext, id: string) {
  const { ledger, values, out } = context;
  const entry = await ledger.get(id);
  if (!entry) throw new Error(`${JSON.stringify(id)} is not in ${ledger.location}`);
  if (entry.state === "in-flight" && !values.force && stillRunning(entry))
    throw new Error(
      `the process that claimed ${JSON.stringify(id)} (pid ${entry.claim?.pid}) still runs on this host; ` +
        "wait for it, or pass --force",
    );
  // Freeing an id that was paid lets the next run pay the participants again: a pay that
  // may have left is freed only when the submissions say nothing arrived.
  if (values.verdict === "not-paid" && entry.sending && !values["override-finding"]) {
    const { finding } = await readSubmissions(context, id);
    if (finding !== "not-paid")
      throw new Error(
        `reconciliation finds ${finding}, not not-paid: ${JSON.stringify(id)} stays refused ` +
          "(check Prolific, then pass --override-finding to record not-paid all the same)",
      );
  }
  const resolved = await ledger.resolve(id, values.verdict as never, values.note as string);
  const verdict = resolved.resolution?.verdict;
  out(`${resolved.id}: resolved as ${verdict} in ${ledger.location}`);
  out(
    verdict === "not-paid"
      ? "  The id is free: a new pay may be sent."
      : "  The id stays refused: paying it again would pay the participants again.",
  );
}

function stillRunning(entry: LedgerEntry): boolean {
  if (entry.claim?.host !== hostname() || !entry.claim.pid) return false;
  try {
    process.kill(entry.claim.pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}
