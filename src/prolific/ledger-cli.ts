#!/usr/bin/env node
// payouts-ledger: an operator's view of the pay ledger: list, show, reconcile, resolve.
import { existsSync } from "node:fs";
import { hostname } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import {
  fileLedger,
  type LedgerEntry,
  type PayLedger,
  postgresLedger,
  VERDICTS,
} from "../ledger/index.js";
import { createProlificClient, PROLIFIC_BASE_URL } from "./client.js";
import { DEFAULT_SETTLE_WINDOW_MS, reconcilePayment } from "./reconcile-payment.js";

const HELP = `Usage: payouts-ledger <command> [options]

Commands:
  list                       entries that need an operator: in flight or unknown
  show <id>                  one entry as JSON, with its earlier attempts
  reconcile <id>             reads the submissions' bonus_payments and says paid,
                             paid-twice, partial, not-paid or still-unknown (never pays)
  resolve <id> --verdict <v> --note <text>
                             records an operator's verdict (${VERDICTS.join(", ")});
                             only not-paid frees the id for a new pay

Ledger (one of):
  --dir <path>               a file ledger                       [PAYOUTS_LEDGER_DIR]
  --postgres                 the Postgres ledger at PAYOUTS_LEDGER_DATABASE_URL
Reconcile:
  PROLIFIC_TOKEN             the API token (environment only: flags end up in shell history)
  --base-url <url>           default ${PROLIFIC_BASE_URL}       [PROLIFIC_BASE_URL]
  --settle-window-minutes <n> how long a pay may take to land, default ${DEFAULT_SETTLE_WINDOW_MS / 60_000}
Resolve:
  --force                    resolve an entry whose paying process still runs on this host
  --verdict not-paid         of a pay that may have been sent reconciles first (as above)
                             and is refused unless reconciliation finds not-paid
  --override-finding         record not-paid all the same (after checking Prolific yourself)
Exit code: 0 done, 1 failed, 2 usage.`;

class UsageError extends Error {}

async function main(argv: string[]): Promise<void> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      dir: { type: "string" },
      postgres: { type: "boolean", default: false },
      "base-url": { type: "string" },
      "settle-window-minutes": { type: "string" },
      verdict: { type: "string" },
      note: { type: "string" },
      force: { type: "boolean", default: false },
      "override-finding": { type: "boolean", default: false },
      help: { type: "boolean", short: "h", default: false },
    },
  });
  const [command, id, ...rest] = positionals;
  if (values.help) return void console.log(HELP);
  if (!command || rest.length > 0) throw new UsageError("give one command");
  if (command !== "list" && !id) throw new UsageError(`${command} needs an <id>`);
  const ledger = openLedger(values.dir ?? process.env.PAYOUTS_LEDGER_DIR, values.postgres);
  try {
    switch (command) {
      case "list":
        return await list(ledger);
      case "show":
        return await show(ledger, id as string);
      case "reconcile":
        return await reconcile(ledger, id as string, values);
      case "resolve":
        return await resolve(ledger, id as string, values);
      default:
        throw new UsageError(`unknown command ${JSON.stringify(command)}`);
    }
  } finally {
    await ledger.close();
  }
}

function openLedger(dir: string | undefined, postgres: boolean): PayLedger {
  if (dir && postgres) throw new UsageError("choose --dir or --postgres, not both");
  if (dir) {
    // A mistyped path must not read as an empty ledger ("0 open entries").
    if (!existsSync(join(dir, "claims")))
      throw new Error(`no pay ledger at ${dir} (it has no claims/ folder)`);
    return fileLedger(dir);
  }
  if (!postgres) throw new UsageError("say which ledger: --dir <path> or --postgres");
  const url = process.env.PAYOUTS_LEDGER_DATABASE_URL;
  if (!url) throw new UsageError("--postgres reads PAYOUTS_LEDGER_DATABASE_URL, which is not set");
  secrets.push(url, ...passwordOf(url));
  return postgresLedger({ connectionString: url });
}

async function list(ledger: PayLedger) {
  const open = await ledger.listOpen();
  console.log(`${open.length} open entr${open.length === 1 ? "y" : "ies"} in ${ledger.location}`);
  for (const e of open) {
    const sent = e.sending ? "sent" : "not sent";
    console.log(
      `  ${e.id}  ${e.state}  attempt ${e.attempt}  claimed ${e.claim?.at} by ${e.claim?.host} pid ${e.claim?.pid}  ${sent}`,
    );
  }
  if (open.length > 0) console.log("Next: payouts-ledger reconcile <id>");
}

async function show(ledger: PayLedger, id: string) {
  const entry = await ledger.get(id);
  if (!entry) throw new Error(`${JSON.stringify(id)} is not in ${ledger.location}`);
  console.log(JSON.stringify(entry, null, 2));
}

function readSubmissions(ledger: PayLedger, id: string, values: Record<string, unknown>) {
  const token = process.env.PROLIFIC_TOKEN;
  if (!token) throw new UsageError("reconcile reads PROLIFIC_TOKEN, which is not set");
  secrets.push(token);
  const minutes = values["settle-window-minutes"];
  const settleWindowMs =
    minutes === undefined ? DEFAULT_SETTLE_WINDOW_MS : Number(minutes) * 60_000;
  if (!Number.isFinite(settleWindowMs) || settleWindowMs < 0)
    throw new UsageError("--settle-window-minutes must be a number ≥ 0");
  const baseUrl = (values["base-url"] as string | undefined) ?? process.env.PROLIFIC_BASE_URL;
  const client = createProlificClient({ token, ...(baseUrl && { baseUrl }) });
  let step = 0;
  return reconcilePayment(client, {
    ledger,
    id,
    settleWindowMs,
    onProgress: ({ read, total }) => {
      step ||= Math.max(1, Math.floor(total / 10));
      if (read % step === 0 || read === total) console.error(`read ${read}/${total} submissions`);
    },
  });
}

async function reconcile(ledger: PayLedger, id: string, values: Record<string, unknown>) {
  const result = await readSubmissions(ledger, id, values);
  console.log(`${result.id}: ${result.finding}`);
  console.log(`  ${result.reason}`);
  for (const r of result.rows)
    console.log(
      `  ${r.participantId}  ${r.amount} (${r.minorUnits} minor units)  appeared ${r.appeared}×  in ${r.submissionIds.join(", ") || "no submission"}`,
    );
  if (result.finding !== "still-unknown" && result.entry.state !== "resolved")
    console.log(
      `Next, once you agree: payouts-ledger resolve ${result.id} --verdict ${result.finding} --note "<who checked what>"`,
    );
}

async function resolve(ledger: PayLedger, id: string, values: Record<string, unknown>) {
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
    const { finding } = await readSubmissions(ledger, id, values);
    if (finding !== "not-paid")
      throw new Error(
        `reconciliation finds ${finding}, not not-paid: ${JSON.stringify(id)} stays refused ` +
          "(check Prolific, then pass --override-finding to record not-paid all the same)",
      );
  }
  const resolved = await ledger.resolve(id, values.verdict as never, values.note as string);
  const verdict = resolved.resolution?.verdict;
  console.log(`${resolved.id}: resolved as ${verdict} in ${ledger.location}`);
  console.log(
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

// What must never be printed, and what a ledger or server may hold that should not
// reach a terminal raw (control characters, escape sequences).
const secrets: string[] = [];
function passwordOf(url: string): string[] {
  try {
    const password = decodeURIComponent(new URL(url).password);
    return password ? [password] : [];
  } catch {
    return [];
  }
}
// biome-ignore lint/suspicious/noControlCharactersInRegex: escaping them is the point
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g;
function safe(text: string): string {
  let out = text;
  for (const s of secrets) if (s.length >= 4) out = out.split(s).join("[REDACTED]");
  return out.replace(CONTROL, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`);
}
for (const stream of ["log", "error"] as const) {
  const write = console[stream].bind(console);
  console[stream] = (...args: unknown[]) => write(safe(args.map(String).join(" ")));
}

main(process.argv.slice(2)).then(
  () => process.exit(0),
  (error: unknown) => {
    const usage =
      error instanceof UsageError ||
      (error as { code?: string }).code?.startsWith("ERR_PARSE_ARGS");
    console.error(`payouts-ledger: ${error instanceof Error ? error.message : String(error)}`);
    if (usage) console.error("Run payouts-ledger --help for usage.");
    process.exit(usage ? 2 : 1);
  },
);
