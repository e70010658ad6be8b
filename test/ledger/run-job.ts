// Runs pay-job.ts in child processes (bundled once per test file).
import { type ChildProcess, spawn } from "node:child_process";
import { bundleEntry } from "./bundle.js";
import type { PayJob } from "./pay-job.js";

export interface JobResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  /** The JSON result line, when the job got that far. */
  result?: { outcome?: string; duplicate?: { previous: string; claim: Record<string, unknown> } };
  stderr: string;
}

export interface RunningJob {
  child: ChildProcess;
  /** Resolves once the job printed "ready" (barrier jobs). */
  ready: Promise<void>;
  go(): void;
  done: Promise<JobResult>;
}

export async function startJob(job: PayJob): Promise<RunningJob> {
  const file = await bundleEntry("test/ledger/pay-job.ts");
  const child = spawn(process.execPath, [file], {
    // PGAPPNAME names the job's Postgres connections, so a test can count them.
    env: { ...process.env, PAY_JOB: JSON.stringify(job), PGAPPNAME: "pay-job" },
    stdio: ["pipe", "pipe", "pipe"],
  });
  let stdout = "";
  let stderr = "";
  let markReady: () => void = () => {};
  const ready = new Promise<void>((resolve) => (markReady = resolve));
  child.stdout!.on("data", (chunk) => {
    stdout += chunk;
    if (stdout.startsWith("ready\n")) markReady();
  });
  child.stderr!.on("data", (chunk) => (stderr += chunk));
  const done = new Promise<JobResult>((resolve) => {
    child.on("close", (code, signal) => {
      const last = stdout
        .trim()
        .split("\n")
        .filter((l) => l.startsWith("{"))
        .at(-1);
      resolve({ code, signal, stderr, ...(last && { result: JSON.parse(last) }) });
    });
  });
  return { child, ready, go: () => child.stdin!.end("go\n"), done };
}

export async function runJob(job: PayJob): Promise<JobResult> {
  return (await startJob(job)).done;
}
