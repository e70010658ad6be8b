// Each armed fault, against its own mocks: what the client sees, and what the journal
// says the mock did. Then the helpers themselves driven through the faults (dogfood).
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import {
  createProlificClient,
  createRewardsClient,
  markRewards,
  payBonuses,
} from "../src/index.js";
import { type RunningMocks, startMocks } from "../src/mock/index.js";
import { SEEDED_PAYMENT_ID } from "./helpers.js";

let mocks: RunningMocks;
beforeAll(async () => {
  mocks = await startMocks({ slowBodyMs: 300 });
});
afterAll(() => mocks.stop());
beforeEach(() => mocks.reset());

const PAY_OP = "pay-bonus-payments";
const MARK_OP = "bulk-update-reward-state";
const payUrl = () => `${mocks.urls.prolific}/api/v1/bulk-bonus-payments/${SEEDED_PAYMENT_ID}/pay/`;
const pay = (headers: Record<string, string> = {}, signal?: AbortSignal) =>
  fetch(payUrl(), { method: "POST", headers: { authorization: "Token t", ...headers }, signal });
type Submissions = { submissions: Array<{ study_id: string; bonus_payments: number[] }> };
/** bonus_payments of the seeded bulk payment's two submissions. */
const bonuses = () =>
  (mocks.state("prolific") as Submissions).submissions
    .filter((s) => s.study_id === "60d5f1a2b3c4d5e6f7a8b9c0")
    .map((s) => s.bonus_payments);

describe("faults (raw HTTP)", () => {
  it("reset-before: the connection closes, nothing is paid", async () => {
    mocks.armFault({ operationId: PAY_OP, fault: "reset-before" });
    await expect(pay()).rejects.toThrow(TypeError);
    expect(bonuses()).toEqual([[], []]);
    expect(mocks.requests({ operationId: PAY_OP })).toMatchObject([
      { fault: "reset-before", processed: false, status: null },
    ]);
    expect((await pay()).status).toBe(202); // used up: the next pay goes through
  });

  it("reset-after: the connection closes, the pay WAS processed", async () => {
    mocks.armFault({ operationId: PAY_OP, fault: "reset-after" });
    await expect(pay()).rejects.toThrow(TypeError);
    expect(bonuses()).toEqual([[425], [425]]);
    expect(mocks.requests({ operationId: PAY_OP })).toMatchObject([
      { fault: "reset-after", processed: true, status: null },
    ]);
  });

  it("timeout-after: processed, no answer until the client gives up", async () => {
    mocks.armFault({ operationId: PAY_OP, fault: "timeout-after" });
    const gaveUp = new AbortController();
    const sent = pay({}, gaveUp.signal);
    await expect.poll(() => mocks.requests({ processed: true }).length).toBe(1);
    gaveUp.abort();
    await expect(sent).rejects.toThrow(/abort/i);
    expect(bonuses()).toEqual([[425], [425]]);
  });

  it("status-503 and status-429 (Retry-After): nothing processed", async () => {
    mocks.armFault({ operationId: PAY_OP, fault: "status-503" });
    expect((await pay()).status).toBe(503);
    const limited = await pay({ prefer: "fault=status-429" });
    expect(limited.status).toBe(429);
    expect(limited.headers.get("retry-after")).toBe("1");
    expect(bonuses()).toEqual([[], []]);
    expect(mocks.requests().map((r) => [r.fault, r.status, r.processed])).toEqual([
      ["status-503", 503, false],
      ["status-429", 429, false],
    ]);
  });

  it("slow-body: processed; headers first, the rest of the body later", async () => {
    const response = await pay({ prefer: "fault=slow-body" });
    expect(response.status).toBe(202);
    expect(await response.json()).toContain(SEEDED_PAYMENT_ID);
    expect(mocks.requests()).toMatchObject([{ fault: "slow-body", processed: true }]);
  });

  it("times: n faults the next n matching requests only; other operations are untouched", async () => {
    mocks.armFault({ operationId: PAY_OP, fault: "status-503", times: 2 });
    const mark = await fetch(`${mocks.urls.rewards}/api/v1/finance/rewards/bulk_update`, {
      method: "PATCH",
      headers: { authorization: "Bearer a.b.c", "content-type": "application/json" },
      body: JSON.stringify({ reward: { reward_ids: [499], state: "paid" } }),
    });
    expect(mark.status).toBe(200);
    expect([(await pay()).status, (await pay()).status, (await pay()).status]).toEqual([
      503, 503, 202,
    ]);
  });

  it("arming over HTTP: POST /__mock/faults, bad ones refused with a reason", async () => {
    const arm = (body: unknown) =>
      fetch(`${mocks.urls.prolific}/__mock/faults`, { method: "POST", body: JSON.stringify(body) });
    expect((await arm({ operationId: PAY_OP, fault: "status-503", times: 1 })).status).toBe(201);
    const bad = await arm({ operationId: PAY_OP, fault: "explode" });
    expect(bad.status).toBe(400);
    expect((await bad.json()).error).toContain("reset-before");
    expect((await pay()).status).toBe(503);
    expect((await pay({ prefer: "fault=explode" })).status).toBe(422);
  });
});

describe("dogfood: the helpers through the faults", () => {
  it('payBonuses under reset-after → "unknown", and the journal shows exactly one pay processed', async () => {
    mocks.armFault({ operationId: PAY_OP, fault: "reset-after" });
    const client = createProlificClient({ token: "team-token", baseUrl: mocks.urls.prolific });
    const outcome = await payBonuses(client, SEEDED_PAYMENT_ID);
    expect(outcome.outcome).toBe("unknown");
    const pays = mocks.requests({ operationId: PAY_OP });
    expect(pays).toHaveLength(1);
    expect(pays[0]).toMatchObject({ processed: true, fault: "reset-after", flags: [] });
    expect(pays[0]!.headers.authorization).toBe("[REDACTED]");
    expect(JSON.stringify(mocks.requests())).not.toContain("team-token");
  });

  it("markRewards under status-503 then success: the retries are in the journal", async () => {
    mocks.armFault({ operationId: MARK_OP, fault: "status-503", times: 2 });
    const client = createRewardsClient({ token: "a.b.c", baseUrl: mocks.urls.rewards });
    const result = await markRewards(
      client,
      { rewardIds: [499, 504], state: "paid", passcode: 987654 },
      { baseDelayMs: 1, maxDelayMs: 5 },
    );
    expect(result).toMatchObject({ ok: true });
    const marks = mocks.requests({ operationId: MARK_OP });
    expect(marks.map((r) => [r.status, r.fault, r.processed])).toEqual([
      [503, "status-503", false],
      [503, "status-503", false],
      [200, undefined, true],
    ]);
    expect(marks[2]!.body).toEqual({
      reward: { reward_ids: [499, 504], state: "paid", passcode: "[REDACTED]" },
    });
    expect(JSON.stringify(marks)).not.toContain("987654");
  });

  it("markRewards under status-429: waits for Retry-After, then succeeds", async () => {
    mocks.armFault({ operationId: MARK_OP, fault: "status-429" });
    const client = createRewardsClient({ token: "a.b.c", baseUrl: mocks.urls.rewards });
    const result = await markRewards(client, { rewardIds: [509], state: "paid" });
    expect(result).toMatchObject({ ok: true });
    const [limited, done] = mocks.requests({ operationId: MARK_OP });
    expect(limited).toMatchObject({ status: 429, processed: false });
    expect(done).toMatchObject({ status: 200, processed: true });
    // Retry-After: 1 is honoured: the server, not a test timer, measured the wait.
    expect(Date.parse(done!.time) - Date.parse(limited!.time)).toBeGreaterThanOrEqual(900);
  });
});
