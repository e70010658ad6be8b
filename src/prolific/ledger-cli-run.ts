// payouts-ledger as a function: arguments and environment in, lines and an exit code out.
// The bin (ledger-cli.ts) hands it the process's own; tests run it in-process.
import { existsSync } from "node:fs";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { redactString } from "../core/redact.js";
import { fileLedger, type PayLedger, postgresLedger, VERDICTS } from "../ledger/index.js";
import { PROLIFIC_BASE_URL } from "./client.js";
import {
  type CommandContext,
  list,
  reconcile,
  resolve,
  show,
  UsageError,
} from "./ledger-commands.js";
import { DEFAULT_SETTLE_WINDOW_MS } from "./reconcile-payment.js";

export const LEDGER_CLI_HELP = `Usage: payouts-ledger <command> [options]

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

/** Where the command reads its settings and writes its lines. */
export interface LedgerCliIo {
  env: Readonly<Record<string, string | undefined>>;
  out: (line: string) => void;
  err: (line: string) => void;
}

/** Runs one payouts-ledger command; resolves to its exit code: 0 done, 1 failed, 2 usage. */
export async function runLedgerCli(argv: string[], io: LedgerCliIo): Promise<number> {
  // What must never be printed: the token and the database password, once read.
  const secrets: string[] = [];
  const out = (text: string) => io.out(safe(text, secrets));
  const err = (text: string) => io.err(safe(text, secrets));
  try {
    await run(argv, { env: io.env, out, err, secrets });
    return 0;
  } catch (error) {
    const usage =
      error instanceof UsageError ||
      (error as { code?: string }).code?.startsWith("ERR_PARSE_ARGS") === true;
    err(`payouts-ledger: ${error instanceof Error ? error.message : String(error)}`);
    if (usage) err("Run payouts-ledger --help for usage.");
    return usage ? 2 : 1;
  }
}

type RunContext = Omit<CommandContext, "ledger" | "values">;

async function run(argv: string[], context: RunContext): Promise<void> {
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
  if (values.help) return void context.out(LEDGER_CLI_HELP);
  if (!command || rest.length > 0) throw new UsageError("give one command");
  if (command !== "list" && !id) throw new UsageError(`${command} needs an <id>`);
  const ledger = openLedger(values.dir ?? context.env.PAYOUTS_LEDGER_DIR, values.postgres, context);
  const commandContext: CommandContext = { ...context, ledger, values };
  try {
    switch (command) {
      case "list":
        return await list(commandContext);
      case "show":
        return await show(commandContext, id as string);
      case "reconcile":
        return await reconcile(commandContext, id as string);
      case "resolve":
        return await resolve(commandContext, id as string);
      default:
        throw new UsageError(`unknown command ${JSON.stringify(command)}`);
    }
  } finally {
    await ledger.close();
  }
}

function openLedger(dir: string | undefined, postgres: boolean, context: RunContext): PayLedger {
  if (dir && postgres) throw new UsageError("choose --dir or --postgres, not both");
  if (dir) {
    // A mistyped path must not read as an empty ledger ("0 open entries").
    if (!existsSync(join(dir, "claims")))
      throw new Error(`no pay ledger at ${dir} (it has no claims/ folder)`);
    return fileLedger(dir);
  }
  if (!postgres) throw new UsageError("say which ledger: --dir <path> or --postgres");
  const url = context.env.PAYOUTS_LEDGER_DATABASE_URL;
  if (!url) throw new UsageError("--postgres reads PAYOUTS_LEDGER_DATABASE_URL, which is not set");
  context.secrets.push(url, ...passwordOf(url));
  return postgresLedger({ connectionString: url });
}

function passwordOf(url: string): string[] {
  try {
    const password = decodeURIComponent(new URL(url).password);
    return password ? [password] : [];
  } catch {
    return [];
  }
}

// What a ledger or server may hold that should not reach a terminal raw: control
// characters and escape sequences are printed as \u escapes; secrets as [REDACTED], by
// the rule every message of the package follows (redactString).
// biome-ignore lint/suspicious/noControlCharactersInRegex: escaping them is the point
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g;
function safe(text: string, secrets: readonly string[]): string {
  return redactString(text, secrets).replace(
    CONTROL,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`,
  );
}
