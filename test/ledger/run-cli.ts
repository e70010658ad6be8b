// Runs the payouts-ledger command as an operator would: in a child process (the bin), or
// in this process (runLedgerCli, the same code, where coverage and Stryker can see it).
import { execFile } from "node:child_process";
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
