// The mocks remember: set-up → pay → the submissions' bonus_payments; double pays are
// flagged; bulk_update sets states; the control surface over HTTP resets and shows it all;
// and an answer of the state that breaks the spec is refused, never served.
import { once } from "node:events";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import {
  createBonusPayments,
  createProlificClient,
  createRewardsClient,
  payBonuses,
} from "../src/index.js";
import { createEngine } from "../src/mock/engine.js";
import { type RunningMocks, specFile, startMocks } from "../src/mock/index.js";
import { createMockServer } from "../src/mock/server.js";
import { BULK_UPDATE, SEEDED_PAYMENT_ID } from "./helpers.js";

let mocks: RunningMocks;
beforeAll(async () => {
  mocks = await startMocks();
});
afterAll(() => mocks.stop());
beforeEach(() => mocks.reset());

type ProlificState = {
  bulkBonusPayments: Array<{ id: string; paid: number }>;
  submissions: Array<{
    id: string;
    participant: string;
    study_id: string;
    bonus_payments: number[];
  }>;
  pendingPays: number;
};
const prolificState = () => mocks.state("prolific") as ProlificState;
const client = () => createProlificClient({ token: "t0ken", baseUrl: mocks.urls.prolific });

describe("Prolific state", () => {
  it("set-up → pay → each row's amount lands on its submission; a second pay pays again, flagged", async () => {
    const setUp = await createBonusPayments(client(), {
      studyId: "study-1",
      bonuses: [
        { participantId: "alice", amount: "4.25" },
        { participantId: "bob", amount: "30" },
      ],
    });
    if (!setUp.ok) throw new Error("set-up refused");
    expect(setUp.payment).toMatchObject({ study: "study-1", amount: 3425 });
    const mine = () => prolificState().submissions.filter((s) => s.study_id === "study-1");
    expect(mine().map((s) => [s.participant, s.bonus_payments])).toEqual([
      ["alice", []],
      ["bob", []],
    ]);

    expect(await payBonuses(client(), setUp.payment.id)).toMatchObject({ outcome: "accepted" });
    expect(mine().map((s) => s.bonus_payments)).toEqual([[425], [3000]]);
    // Another client (another process, say) pays the same id: the mock pays again, as Prolific does.
    expect(await payBonuses(client(), setUp.payment.id)).toMatchObject({ outcome: "accepted" });
    expect(mine().map((s) => s.bonus_payments)).toEqual([
      [425, 425],
      [3000, 3000],
    ]);
    expect(mocks.requests({ operationId: "pay-bonus-payments" }).map((r) => r.flags)).toEqual([
      [],
      ["double-pay"],
    ]);
  });

  it("a pay of an id never set up is the spec's 404 and pays nothing", async () => {
    const outcome = await payBonuses(client(), "no-such-payment");
    expect(outcome).toMatchObject({ outcome: "rejected", error: { status: 404 } });
    expect(mocks.requests()).toMatchObject([{ status: 404, processed: true }]);
    const paid = prolificState().submissions.filter((s) => s.bonus_payments.length > 0);
    expect(paid.map((s) => s.id)).toEqual(["625d4a831bcda2d59ac5a251"]); // the spec's, as recorded
  });

  it("a request Prism refuses (422, 401) never reaches the state", async () => {
    const url = `${mocks.urls.prolific}/api/v1/bulk-bonus-payments/${SEEDED_PAYMENT_ID}/pay/`;
    expect((await fetch(url, { method: "POST" })).status).toBe(401);
    expect(mocks.requests()).toMatchObject([{ status: 401, processed: false }]);
    expect(prolificState().bulkBonusPayments[0]!.paid).toBe(0);
  });

  it("Prefer: code=… changes nothing; example=… and dynamic=true pick the body, and the pay happens", async () => {
    const url = `${mocks.urls.prolific}/api/v1/bulk-bonus-payments/${SEEDED_PAYMENT_ID}/pay/`;
    const pay = (prefer: string) =>
      fetch(url, { method: "POST", headers: { authorization: "Token t", prefer } });
    expect((await pay("code=429")).status).toBe(429);
    expect(prolificState().bulkBonusPayments[0]!.paid).toBe(0);
    const legacy = await pay("example=legacy");
    expect(await legacy.json()).toBe("Successfully processed bonus payments.");
    const generated = await pay("dynamic=true");
    expect(generated.status).toBe(202);
    expect(await generated.json()).not.toContain(SEEDED_PAYMENT_ID);
    expect(prolificState().bulkBonusPayments[0]!.paid).toBe(2);
    expect(mocks.requests().map((r) => [r.status, r.processed, r.flags])).toEqual([
      [429, false, []],
      [202, true, []],
      [202, true, ["double-pay"]],
    ]);
  });

  it("payDelayMs: accepted at once, the bonuses show after the delay", async () => {
    // Long enough that a loaded machine still reads the state before the pay lands.
    const delayed = await startMocks({ payDelayMs: 2000 });
    try {
      const url = `${delayed.urls.prolific}/api/v1/bulk-bonus-payments/${SEEDED_PAYMENT_ID}/pay/`;
      const answer = await fetch(url, { method: "POST", headers: { authorization: "Token t" } });
      expect(answer.status).toBe(202);
      const state = () => delayed.state("prolific") as ProlificState;
      expect(state().pendingPays).toBe(1);
      const seeded = () =>
        state()
          .submissions.filter((s) => s.study_id === "60d5f1a2b3c4d5e6f7a8b9c0")
          .map((s) => s.bonus_payments);
      expect(seeded()).toEqual([[], []]);
      await expect.poll(seeded, { timeout: 20_000 }).toEqual([[425], [425]]);
      expect(state().pendingPays).toBe(0);
    } finally {
      await delayed.stop();
    }
  });
});

describe("DRVN state", () => {
  const rewards = () => createRewardsClient({ token: "a.b.c", baseUrl: mocks.urls.rewards });
  const states = () =>
    Object.fromEntries(
      (mocks.state("rewards") as { rewards: Array<{ id: number; state: string }> }).rewards.map(
        (r) => [r.id, r.state],
      ),
    );

  it("starts with the seed's five rewards pending; bulk_update sets and answers their states", async () => {
    expect(states()).toMatchObject({
      499: "pending",
      504: "pending",
      509: "pending",
      514: "pending",
      519: "pending",
    });
    const { data, response } = await rewards().PATCH(BULK_UPDATE, {
      body: { reward: { reward_ids: [504, 499, 424242], state: "paid" } },
    });
    expect(response.status).toBe(200);
    // Unknown ids are left out (as a Rails `where(id:)` would); `total` counts what was listed.
    expect(data?.rewards.map((r) => [r.id, r.state])).toEqual([
      [499, "paid"],
      [504, "paid"],
    ]);
    expect(response.headers.get("total")).toBe("2");
    expect(states()).toMatchObject({ 499: "paid", 504: "paid", 509: "pending" });
    await rewards().PATCH(BULK_UPDATE, {
      body: { reward: { reward_ids: [499], state: "pending" } },
    });
    expect(states()).toMatchObject({ 499: "pending", 504: "paid" });
  });
});

describe("control surface over HTTP", () => {
  it("GET/DELETE /__mock/requests, GET /__mock/state, POST /__mock/reset", async () => {
    const base = mocks.urls.rewards;
    await createRewardsClient({ token: "a.b.c", baseUrl: base }).PATCH(BULK_UPDATE, {
      body: { reward: { reward_ids: [514], state: "paid", passcode: 4321 } },
    });
    const journal = await (
      await fetch(`${base}/__mock/requests?operationId=bulk-update-reward-state`)
    ).json();
    expect(journal.requests).toMatchObject([
      {
        seq: 1,
        method: "PATCH",
        path: "/api/v1/finance/rewards/bulk_update",
        status: 200,
        processed: true,
        headers: { authorization: "[REDACTED]" },
        body: { reward: { reward_ids: [514], state: "paid", passcode: "[REDACTED]" } },
      },
    ]);
    expect(Date.parse(journal.requests[0].time)).not.toBeNaN();
    const state = async () =>
      (await (await fetch(`${base}/__mock/state`)).json()).rewards.find((r: any) => r.id === 514)
        .state;
    expect(await state()).toBe("paid");

    expect((await fetch(`${base}/__mock/requests`, { method: "DELETE" })).status).toBe(204);
    expect((await (await fetch(`${base}/__mock/requests`)).json()).requests).toEqual([]);
    expect(await state()).toBe("paid"); // emptying the journal keeps the state

    expect((await fetch(`${base}/__mock/reset`, { method: "POST" })).status).toBe(204);
    expect(await state()).toBe("pending");
    expect((await fetch(`${base}/__mock/nope`)).status).toBe(404);
  });
});

describe("answers are held to the spec", () => {
  it("a stateful answer that breaks the spec is refused loudly (500 naming the violation), never served", async () => {
    const engine = await createEngine({ specFile: specFile("rewards") }, { dynamic: false });
    const broken = {
      // A state with a bug: bonus as a number, the drift the spec exists to catch.
      handle: () => ({
        answer: {
          status: 200,
          headers: { "content-type": "application/json", "per-page": "20", total: "1" },
          body: { rewards: [{ id: 1, bonus: 10, state: "paid" }] },
        },
      }),
      snapshot: () => ({}),
      reset: () => {},
      close: () => {},
    };
    const mock = createMockServer({ engine, state: broken, slowBodyMs: 0 });
    const errors = vi.spyOn(console, "error").mockImplementation(() => {});
    mock.server.listen(0, "127.0.0.1");
    await once(mock.server, "listening");
    try {
      const { port } = mock.server.address() as AddressInfo;
      const answer = await fetch(`http://127.0.0.1:${port}${BULK_UPDATE}`, {
        method: "PATCH",
        headers: { authorization: "Bearer a.b.c", "content-type": "application/json" },
        body: JSON.stringify({ reward: { reward_ids: [1], state: "paid" } }),
      });
      expect(answer.status).toBe(500);
      const problem = await answer.json();
      expect(problem.title).toMatch(/breaks the spec/);
      expect(problem.violations.map((v: any) => v.location.join("."))).toEqual(
        expect.arrayContaining(["response.body.rewards.0.bonus", "response.body.rewards.0"]),
      );
      expect(errors).toHaveBeenCalledWith(expect.stringContaining("REFUSED"), expect.anything());
      expect(mock.journal.list()).toMatchObject([{ status: 500, flags: ["refused-answer"] }]);
    } finally {
      errors.mockRestore();
      await mock.close();
    }
  });
});
