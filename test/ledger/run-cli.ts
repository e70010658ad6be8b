// Runs the payouts-ledger command as an operator would: in a child process (the bin), or
// in this process (runLedgerCli, the same code, where coverage and Stryker can see it).
import { execFile } from "node:child_process";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { runLedgerCli } from "../../src/prolific/ledger-cli-run.js";
import { bundleEntry } from "./bundle.js";

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

export async function runCli(args: string[], env: Record<string, string> = {}): Promise<CliRun> {
  const file = await bundleEntry("src/prolific/ledger-cli.ts");
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [file, ...args],
      { env: { PATH: process.env.PATH ?? "", ...env }, timeout: 30_000 },
      (error, stdout, stderr) => {
        const code = error ? Number((error as { code?: unknown }).code ?? 1) : 0;
        resolve({ code, stdout, stderr });
      },
    );
  });
}

/** The command in this process, with only `env` as its environment; lines as a process prints them. */
export async function runCliHere(
  args: string[],
  env: Record<string, string> = {},
): Promise<CliRun> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runLedgerCli(args, {
    env,
    out: (line) => out.push(line),
    err: (line) => err.push(line),
  });
  const printed = (lines: string[]) => lines.map((line) => `${line}\n`).join("");
  return { code, stdout: printed(out), stderr: printed(err) };
}

/** Leaves in a file ledger's claims/ an entry as another process, or a hand edit, left it. */
export function leaveClaim(dir: string, entry: { id: string; [field: string]: unknown }) {
  writeFileSync(join(dir, "claims", `${entry.id}.1.1.json`), JSON.stringify(entry));
}

/** A claim whose host name carries terminal escape sequences (an OSC title and a BEL). */
export const HOSTILE_CLAIM = {
  id: "evil",
  state: "in-flight",
  attempt: 1,
  claim: { at: "2026-01-01T00:00:00Z", host: "h\u001b]0;pwned\u0007\u001b[2J", pid: 1 },
};
/** How the command prints that host name. */
export const HOSTILE_HOST_ESCAPED = "h\\u001b]0;pwned\\u0007\\u001b[2J";
