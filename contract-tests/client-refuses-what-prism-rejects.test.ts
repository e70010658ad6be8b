// The client's request validation is generated from the specs; this proves it agrees
// with Prism rule by rule: each body Prism rejects (422) the helper refuses before
// sending, and each body the helper accepts Prism accepts. It also proves that Prism
// enforces every rule the client relies on (minItems, maxItems, enum, integer,
// minimum, maximum, pattern, maxLength, required).
import { describe, expect, it } from "vitest";
import {
  createBonusPayments,
  InvalidInputError,
  markRewards,
  payBonuses,
  prismViolations,
} from "../src/index.js";
import { BULK_UPDATE, prolific, recordingFetch, rewards, SET_UP } from "./helpers.js";

const rewardCases: Array<[rule: string, reward: Record<string, unknown>]> = [
  ["minItems", { reward_ids: [], state: "paid" }],
  ["maxItems", { reward_ids: Array.from({ length: 1001 }, (_, i) => i + 1), state: "paid" }],
  ["enum", { reward_ids: [1], state: "lost" }],
  ["type", { reward_ids: [1.5], state: "paid" }],
  ["minimum", { reward_ids: [0], state: "paid" }],
  ["maximum", { reward_ids: [2 ** 53], state: "paid" }],
  ["type", { reward_ids: [1], state: "paid", passcode: "1234" }],
  ["required", { state: "paid" }],
];

const setUpCases: Array<[rule: string, body: Record<string, unknown>]> = [
  ["pattern", { study_id: "s", csv_bonuses: "p1,0" }],
  ["pattern", { study_id: "s", csv_bonuses: "p\u0007,1" }],
  ["pattern", { study_id: "a b", csv_bonuses: "p1,1" }],
  ["maxLength", { study_id: "x".repeat(101), csv_bonuses: "p1,1" }],
  ["minLength", { study_id: "", csv_bonuses: "p1,1" }],
  [
    "maxLength",
    {
      study_id: "s",
      csv_bonuses: Array.from({ length: 12_000 }, (_, i) => `p${i},1.00`).join("\n"),
    },
  ],
  ["required", { csv_bonuses: "p1,1" }],
];

describe("Prism rejects, and the helpers refuse before sending", () => {
  it.each(rewardCases)("bulk update, %s", async (rule, reward) => {
    const { response } = await rewards().PATCH(BULK_UPDATE, { body: { reward } as any });
    expect(response.status).toBe(422);
    expect(prismViolations(response).map((v) => v.code)).toContain(rule);

    const { fetch, sent } = recordingFetch();
    const input = { rewardIds: reward.reward_ids, state: reward.state, passcode: reward.passcode };
    const call = markRewards(rewards({ fetch }), JSON.parse(JSON.stringify(input)));
    await expect(call).rejects.toThrow(InvalidInputError);
    expect(sent).toHaveLength(0);
  });

  it.each(setUpCases)("set up, %s", async (rule, body) => {
    const { response } = await prolific().POST(SET_UP, { body: body as any });
    expect(response.status).toBe(422);
    expect(prismViolations(response).map((v) => v.code)).toContain(rule);

    const { fetch, sent } = recordingFetch();
    const csv = typeof body.csv_bonuses === "string" ? body.csv_bonuses : "";
    const bonuses = csv.split("\n").map((line) => {
      const [participantId, amount] = line.split(",");
      return { participantId, amount };
    });
    const call = createBonusPayments(prolific({ fetch }), {
      studyId: body.study_id,
      bonuses,
    } as any);
    await expect(call).rejects.toThrow(InvalidInputError);
    expect(sent).toHaveLength(0);
  });
});

describe("what the helpers accept, Prism accepts", () => {
  it("markRewards at the bounds (1000 ids, largest id, passcode) → accepted by Prism", async () => {
    const rewardIds = [...Array.from({ length: 999 }, (_, i) => i + 1), 2 ** 53 - 1];
    const statuses: Array<number | undefined> = [];
    const result = await markRewards(
      rewards(),
      { rewardIds, state: "pending", passcode: 1234 },
      { onAttempt: (e) => statuses.push(e.status) },
    );
    // The mock accepted the request (200, not 422). It knows six of these ids (the seed's
    // five and the listing capture's 369) and lists only those.
    expect(statuses).toEqual([200]);
    // The client names the other 994 as missing from the answer.
    const known = [369, 499, 504, 509, 514, 519];
    expect(result).toMatchObject({ ok: true, attempts: 1, perPage: 20, total: 6, complete: false });
    if (!result.ok) return;
    expect(result.rewards.map((r) => r.id)).toEqual(known);
    expect((result as { missing?: number[] }).missing).toEqual(
      rewardIds.filter((id) => !known.includes(id)),
    );
  });

  it("createBonusPayments with unicode ids and a small amount → the mock's sums", async () => {
    const result = await createBonusPayments(prolific(), {
      studyId: "60d5f1a2b3c4d5e6f7a8b9c0",
      bonuses: [
        { participantId: "参加者-1", amount: "0.01" },
        { participantId: "60d5f1a2b3c4d5e6f7a8b9c1", amount: "4.25" },
      ],
    });
    expect(result).toEqual({
      ok: true,
      payment: {
        id: expect.stringMatching(/^[0-9a-f]{24}$/),
        study: "60d5f1a2b3c4d5e6f7a8b9c0",
        amount: 426, // 1 + 425 minor units
        fees: 142, // the vendor's example's fee model: a third, rounded up to 1/100 of a minor unit
        vat: 0,
        total_amount: 568,
      },
    });
  });

  it("payBonuses → accepted with the vendor's message; a second pay is refused", async () => {
    const { fetch, sent } = recordingFetch();
    const client = prolific({ fetch });
    const setUp = await createBonusPayments(prolific(), {
      studyId: "60d5f1a2b3c4d5e6f7a8b9c0",
      bonuses: [{ participantId: "p-accepted", amount: "1.00" }],
    });
    if (!setUp.ok) throw new Error("set-up failed");
    const id = setUp.payment.id;
    const outcome = await payBonuses(client, id);
    expect(outcome).toMatchObject({ outcome: "accepted", status: 202 });
    if (outcome.outcome === "accepted")
      expect(outcome.message).toMatch(/^Bulk bonus payment with ID/);
    await expect(payBonuses(client, id)).rejects.toThrow(/already accepted/);
    expect(sent).toHaveLength(1);
  });

  it("payBonuses with Prism's 429 → rejected, typed; 404 → rejected", async () => {
    const preferring = (code: number) => (request: Request) => {
      const r = new Request(request);
      r.headers.set("Prefer", `code=${code}`);
      return globalThis.fetch(r);
    };
    const limited = await payBonuses(prolific({ fetch: preferring(429) }), "x1");
    expect(limited).toMatchObject({
      outcome: "rejected",
      error: { name: "RateLimitError", status: 429 },
    });
    const missing = await payBonuses(prolific({ fetch: preferring(404) }), "x2");
    expect(missing).toMatchObject({
      outcome: "rejected",
      error: { name: "NotFoundError", body: { error: { status: 404 } } },
    });
  });
});
