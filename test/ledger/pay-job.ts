// A pay job as a child process runs it: pays one id through a shared ledger and prints
// the result as JSON. PAY_JOB (JSON) says which ledger, where Prolific is, and where to
// kill itself with SIGKILL (a real kill -9, at an exact point of the pay's life).
import { createInterface } from "node:readline";
import {
  createProlificClient,
  DuplicatePayError,
  fileLedger,
  type PayLedger,
  payBonuses,
  postgresLedger,
} from "../../src/index.js";

export interface PayJob {
  ledger: { kind: "file"; dir: string } | { kind: "postgres"; url: string };
  baseUrl: string;
  id: string;
  killAt?: "after-claim" | "after-marked-sending" | "after-settle";
  /** Print "ready" once connected, then wait for a line on stdin: a start line for races. */
  barrier?: boolean;
}

const job: PayJob = JSON.parse(process.env.PAY_JOB ?? "{}");
const store =
  job.ledger.kind === "file"
    ? fileLedger(job.ledger.dir)
    : postgresLedger({ connectionString: job.ledger.url });
const die = (point: string) => (job.killAt === point ? process.kill(process.pid, "SIGKILL") : 0);
const ledger: PayLedger = {
  ...store,
  claim: async (id) => {
    const entry = await store.claim(id);
    die("after-claim");
    return entry;
  },
  markSending: async (id, sending) => {
    await store.markSending(id, sending);
    die("after-marked-sending");
  },
  settle: async (id, outcome, detail) => {
    await store.settle(id, outcome, detail);
    die("after-settle");
  },
};

if (job.barrier) {
  await store.get(job.id); // connected (Postgres) and directories made (file)
  process.stdout.write("ready\n");
  await new Promise((go) => createInterface({ input: process.stdin }).once("line", go));
}
const client = createProlificClient({ token: "job-token-123", baseUrl: job.baseUrl });
try {
  const outcome = await payBonuses(client, job.id, { ledger });
  process.stdout.write(`${JSON.stringify({ outcome: outcome.outcome })}\n`);
} catch (error) {
  if (!(error instanceof DuplicatePayError)) throw error;
  const { previous, claim } = error;
  process.stdout.write(`${JSON.stringify({ duplicate: { previous, claim } })}\n`);
} finally {
  await store.close();
}
process.exit(0);
