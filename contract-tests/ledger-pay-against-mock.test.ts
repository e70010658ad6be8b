// payBonuses with a ledger and reconcilePayment against the Prism mock of Prolific: the
// reads the ledger needs are requests the spec (and so Prism) accepts, the snapshot is
// read before the one pay request, and reconciliation only reads.
import { describe, expect, it } from "vitest";
import { memoryLedger, payBonuses, reconcilePayment } from "../src/index.js";
import { prolific, recordingFetch } from "./helpers.js";

const STUDY = "60aca280709ee40ec37d4885"; // the spec examples' study and submission
const PARTICIPANT = "60bf9310e8dec401be6e9615";
const SUBMISSION = "625d4a831bcda2d59ac5a251";
const PAY_ID = "64a1b2c3d4e5f6a7b8c9d0e1";

describe("the pay ledger against the Prolific mock", () => {
  it("snapshots bonus_payments before the one pay, then reconciles by reading only", async () => {
    const { fetch, sent } = recordingFetch();
    const client = prolific({ fetch });
    const ledger = memoryLedger();
    await ledger.recordSetUp(PAY_ID, {
      studyId: STUDY,
      rows: [{ participantId: PARTICIPANT, amount: "10.00" }],
    });
    expect(await payBonuses(client, PAY_ID, { ledger })).toMatchObject({ outcome: "accepted" });
    const requests = sent.map(
      (r) => `${r.method} ${new URL(r.url).pathname}${new URL(r.url).search}`,
    );
    expect(requests).toEqual([
      `GET /api/v1/studies/${STUDY}/submissions/?limit=200&offset=0`,
      `GET /api/v1/submissions/${SUBMISSION}/`,
      `POST /api/v1/bulk-bonus-payments/${PAY_ID}/pay/`,
    ]);
    expect((await ledger.get(PAY_ID))?.sending?.snapshot).toMatchObject({
      submissions: { [SUBMISSION]: { participantId: PARTICIPANT, bonusPayments: [1000, 2536] } },
      rowSubmissions: { [PARTICIPANT]: [SUBMISSION] },
    });

    // The static mock's bonus_payments do not grow: nothing appeared, so not paid once
    // the settle window is over, and not final before it.
    sent.length = 0;
    const late = await reconcilePayment(client, { ledger, id: PAY_ID, settleWindowMs: 0 });
    expect(late).toMatchObject({ finding: "not-paid", rows: [{ minorUnits: 1000, appeared: 0 }] });
    const early = await reconcilePayment(client, { ledger, id: PAY_ID });
    expect(early.finding).toBe("still-unknown");
    expect(sent.map((r) => r.method)).toEqual(["GET", "GET"]);
  });
});
