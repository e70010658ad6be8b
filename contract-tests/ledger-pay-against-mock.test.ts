// The pay ledger end to end against the stateful Prolific mock: set-up rows recorded,
// bonus_payments read before the one pay, the pay lands on the submissions, a second pay
// of the same id is refused by the ledger (the mock would pay again), and reconciliation
// finds the amounts by reading only.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  createBonusPayments,
  createProlificClient,
  DuplicatePayError,
  memoryLedger,
  payBonuses,
  reconcilePayment,
} from "../src/index.js";
import { type RunningMocks, startMocks } from "../src/mock/index.js";
import { recordingFetch } from "./helpers.js";

const STUDY = "study-ledger";

let mocks: RunningMocks;
beforeAll(async () => {
  mocks = await startMocks();
});
afterAll(() => mocks.stop());

describe("the pay ledger against the Prolific mock", () => {
  it("snapshots bonus_payments before the one pay, refuses a second, reconciles by reading", async () => {
    const { fetch, sent } = recordingFetch();
    const client = createProlificClient({ token: "t0ken", baseUrl: mocks.urls.prolific, fetch });
    const ledger = memoryLedger();
    const setUp = await createBonusPayments(
      client,
      {
        studyId: STUDY,
        bonuses: [
          { participantId: "alice", amount: "10.00" },
          { participantId: "bob", amount: "2.50" },
        ],
      },
      { ledger },
    );
    if (!setUp.ok) throw new Error("set-up refused");
    const id = setUp.payment.id;

    sent.length = 0;
    expect(await payBonuses(client, id, { ledger })).toMatchObject({ outcome: "accepted" });
    const paths = sent.map((r) => `${r.method} ${new URL(r.url).pathname}`);
    // Reads first (the snapshot), the one pay last.
    expect(paths.at(-1)).toBe(`POST /api/v1/bulk-bonus-payments/${id}/pay/`);
    expect(paths.slice(0, -1).every((p) => p.startsWith("GET "))).toBe(true);
    expect(paths.slice(0, -1)).toContain(`GET /api/v1/studies/${STUDY}/submissions/`);

    // Another run of the same job: the ledger refuses before anything is sent.
    sent.length = 0;
    await expect(payBonuses(client, id, { ledger })).rejects.toBeInstanceOf(DuplicatePayError);
    expect(sent).toHaveLength(0);
    const pays = mocks
      .requests({ api: "prolific" })
      .filter((r) => r.method === "POST" && r.path.endsWith("/pay/"));
    expect(pays).toHaveLength(1);

    // Each row's amount appeared once on its submission: paid. Reconciliation only reads.
    const found = await reconcilePayment(client, { ledger, id, settleWindowMs: 0 });
    expect(found.finding).toBe("paid");
    expect(found.rows.map((r) => [r.minorUnits, r.appeared])).toEqual([
      [1000, 1],
      [250, 1],
    ]);
    expect(sent.every((r) => r.method === "GET")).toBe(true);
  });
});
