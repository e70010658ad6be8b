// Reconciliation keys its records by participant and submission ids, which come from the
// caller and the server: "__proto__" and "constructor" are legal ids. Before, a row for
// participant "__proto__" that was paid reconciled as "not-paid" (memory ledger: an
// operator would free the id and pay again) or threw a TypeError (file ledger).
import { describe, expect, it } from "vitest";
import {
  createBonusPayments,
  createProlificClient,
  payBonuses,
  reconcilePayment,
} from "../../src/index.js";
import { startFakeProlific } from "./fake-prolific.js";
import { useLocalLedgers } from "./local-ledgers.js";

const { stores, cleanup } = useLocalLedgers("ledger-proto-");

const PARTICIPANTS = ["__proto__", "constructor", "toString", "hasOwnProperty"];

describe.each(stores)("%s ledger: ids that are Object.prototype's names", (_name, open) => {
  it.each([...PARTICIPANTS, "sub-__proto__"])(
    "a paid row for %j reconciles as paid",
    async (rowId) => {
      const server = await startFakeProlific({ participants: PARTICIPANTS });
      cleanup(() => server.close());
      const client = createProlificClient({ token: "ledger-proto-token", baseUrl: server.url });
      const ledger = await open();
      const made = await createBonusPayments(
        client,
        { studyId: server.studyId, bonuses: [{ participantId: rowId, amount: "2.00" }] },
        { ledger },
      );
      if (!made.ok) throw made.error;
      const id = made.payment.id;
      expect(await payBonuses(client, id, { ledger })).toMatchObject({ outcome: "accepted" });
      const submission = rowId.startsWith("sub-") ? rowId : `sub-${rowId}`;
      expect(server.pays).toEqual([id]);
      expect(server.bonuses(submission)).toEqual([200]);
      const result = await reconcilePayment(client, { ledger, id, settleWindowMs: 0 });
      expect(result).toMatchObject({
        finding: "paid",
        rows: [{ participantId: rowId, submissionIds: [submission], appeared: 1 }],
      });
    },
  );
});
