// Class 4: inputs are read once. A getter or a Proxy that answers differently on each
// read cannot make the check and the body disagree: what was checked is what was sent.
import { describe, expect, it } from "vitest";
import {
  createBonusPayments,
  createProlificClient,
  createRewardsClient,
  InvalidInputError,
  markRewards,
  payBonuses,
} from "../src/index.js";
import { jsonAnswer, rewardsFor, type SeenRequest, useHostileServer } from "./hostile-server.js";

const server = useHostileServer();
const STUDY = "60d5f1a2b3c4d5e6f7a8b9c0";
const healthy = (request: SeenRequest) =>
  request.path.endsWith("/bonus-payments/")
    ? jsonAnswer(201, { id: "abc", total_amount: 425 })
    : request.path.endsWith("/pay/")
      ? jsonAnswer(202, "ok")
      : jsonAnswer(200, rewardsFor(request));

const rewards = () => createRewardsClient({ token: "jwt.read.once", baseUrl: server.url });
const prolific = () => createProlificClient({ token: "read-once-token", baseUrl: server.url });

/** A value that answers `first` on the first read and `later` on every read after. */
function shifting<T>(first: T, later: T) {
  let reads = 0;
  return {
    get: () => (reads++ === 0 ? first : later),
    reads: () => reads,
  };
}

describe("markRewards", () => {
  it("a getter on rewardIds[1] is read once: no duplicate slips past the check", async () => {
    server.otherwise(healthy);
    const second = shifting(504, 499); // unique when checked, a duplicate when re-read
    const ids = [499, 0];
    Object.defineProperty(ids, 1, { get: second.get, enumerable: true });
    const result = await markRewards(rewards(), { rewardIds: ids, state: "paid" });
    expect(second.reads()).toBe(1);
    expect(result.ok).toBe(true);
    expect(JSON.parse(server.seen[0]?.body ?? "")).toEqual({
      reward: { reward_ids: [499, 504], state: "paid" },
    });
  });

  it("a Proxy array that changes under the validator sends what was validated", async () => {
    server.otherwise(healthy);
    let reads = 0;
    const ids = new Proxy([499, 504], {
      get: (target, key, receiver) =>
        key === "0" && reads++ > 0 ? -1 : Reflect.get(target, key, receiver),
    });
    const result = await markRewards(rewards(), { rewardIds: ids, state: "paid" });
    expect(result.ok).toBe(true);
    expect(JSON.parse(server.seen[0]?.body ?? "").reward.reward_ids).toEqual([499, 504]);
  });

  it("a getter on state or passcode is read once", async () => {
    server.otherwise(healthy);
    const state = shifting("paid", "pending");
    const passcode = shifting(1234, 1e21);
    const input = {} as { rewardIds: number[]; state: "paid"; passcode: number };
    Object.defineProperty(input, "rewardIds", { value: [499], enumerable: true });
    Object.defineProperty(input, "state", { get: state.get, enumerable: true });
    Object.defineProperty(input, "passcode", { get: passcode.get, enumerable: true });
    const result = await markRewards(rewards(), input);
    expect(result.ok).toBe(true);
    expect([state.reads(), passcode.reads()]).toEqual([1, 1]);
    expect(JSON.parse(server.seen[0]?.body ?? "")).toEqual({
      reward: { reward_ids: [499], state: "paid", passcode: 1234 },
    });
  });

  it("a hole in rewardIds is refused, not read through the prototype", async () => {
    const holey = [499, 0, 504];
    delete holey[1]; // the hole is the point
    const error = await markRewards(rewards(), {
      rewardIds: holey,
      state: "paid",
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InvalidInputError);
    expect((error as InvalidInputError).field).toBe("rewardIds[1]");
    expect(server.seen).toHaveLength(0);
  });
});

describe("createBonusPayments", () => {
  it("a getter on an amount is read once: the checked amount is the sent one", async () => {
    server.otherwise(healthy);
    const amount = shifting("4.25", "4.25\np9,1000");
    const row = { participantId: "p1" } as { participantId: string; amount: string };
    Object.defineProperty(row, "amount", { get: amount.get, enumerable: true });
    const result = await createBonusPayments(prolific(), { studyId: STUDY, bonuses: [row] });
    expect(result.ok).toBe(true);
    expect(amount.reads()).toBe(1);
    expect(JSON.parse(server.seen[0]?.body ?? "")).toEqual({
      study_id: STUDY,
      csv_bonuses: "p1,4.25",
    });
  });

  it("a getter on bonuses[1] is read once: no duplicate participant slips through", async () => {
    server.otherwise(healthy);
    const second = shifting(
      { participantId: "p2", amount: "1" },
      { participantId: "p1", amount: "1" },
    );
    const bonuses = [{ participantId: "p1", amount: "1" }, {}] as Array<{
      participantId: string;
      amount: string;
    }>;
    Object.defineProperty(bonuses, 1, { get: second.get, enumerable: true });
    const result = await createBonusPayments(prolific(), { studyId: STUDY, bonuses });
    expect(result.ok).toBe(true);
    expect(second.reads()).toBe(1);
    expect(JSON.parse(server.seen[0]?.body ?? "").csv_bonuses).toBe("p1,1\np2,1");
  });
});

describe("payBonuses", () => {
  it("a getter on payAgain is read once", async () => {
    server.otherwise(healthy);
    const client = prolific();
    await payBonuses(client, "id-1");
    const payAgain = shifting(false, true);
    const options = {};
    Object.defineProperty(options, "payAgain", { get: payAgain.get, enumerable: true });
    await expect(payBonuses(client, "id-1", options)).rejects.toThrow(/already accepted/);
    expect(payAgain.reads()).toBe(1);
    expect(server.seen).toHaveLength(1);
  });
});
