// Child process for the kill-at-any-moment test: claims, marks, settles and resolves ids
// in a file ledger as fast as it can, printing each id once its claim returned, until killed.
import { fileLedger } from "../../src/index.js";

const ledger = fileLedger(process.env.LEDGER_DIR ?? "");
for (let i = 0; ; i++) {
  const id = `churn-${i}`;
  await ledger.recordSetUp(id, { studyId: "s", rows: [{ participantId: "p", amount: "1.00" }] });
  await ledger.claim(id);
  process.stdout.write(`${id}\n`);
  await ledger.markSending(id, { noSnapshot: "churn" });
  await ledger.settle(id, i % 2 ? "unknown" : "rejected", "churn");
  if (i % 2) await ledger.resolve(id, "not-paid", "churn");
}
