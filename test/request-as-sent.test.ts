// What leaves the client is what the call built, whatever a middleware does: the body as
// serialized once (sent from its source, not a copy of the Request), the client's token
// set last, and a middleware's own Request or a consumed body handled as fetch would.
import { describe, expect, it, vi } from "vitest";
import {
  createProlificClient,
  createRewardsClient,
  markRewards,
  PayoutsError,
  payBonuses,
} from "../src/index.js";
import { useFaultServer } from "./fault-server.js";

const JWT = "jwt.for.request-as-sent";
const TOKEN = "prolific-token-request-as-sent";
const BULK_UPDATE = "/api/v1/finance/rewards/bulk_update";
const server = useFaultServer();
const rewards = () => createRewardsClient({ token: JWT, baseUrl: server.url, timeoutMs: 5000 });

describe("the request the server sees", () => {
  it("the body as serialized, sent once, with the token and the JSON content type", async () => {
    const body = { reward: { reward_ids: [499, 500], state: "paid" as const, passcode: 1234 } };
    const { data, response } = await rewards().PATCH(BULK_UPDATE, { body });
    expect(response.status).toBe(200);
    expect(data?.rewards.map((r) => r.id)).toEqual([499, 500]);
    expect(server.seen).toEqual([
      {
        method: "PATCH",
        path: BULK_UPDATE,
        authorization: `Bearer ${JWT}`,
        body: JSON.stringify(body),
      },
    ]);
  });

  it("a middleware's Authorization is replaced by the client's token", async () => {
    const client = rewards();
    client.use({
      onRequest({ request }) {
        request.headers.set("Authorization", "Bearer someone-else");
        request.headers.set("X-Trace", "kept");
      },
    });
    const result = await markRewards(client, { rewardIds: [499], state: "paid" });
    expect(result.ok).toBe(true);
    expect(server.seen.map((s) => s.authorization)).toEqual([`Bearer ${JWT}`]);
  });

  it("a middleware's own Request is sent as it built it (its body), with the token", async () => {
    const client = rewards();
    const theirs = JSON.stringify({ reward: { reward_ids: [7], state: "pending" } });
    client.use({
      onRequest({ request }) {
        return new Request(request.url, {
          method: request.method,
          headers: request.headers,
          body: theirs,
        });
      },
    });
    const { data } = await client.PATCH(BULK_UPDATE, {
      body: { reward: { reward_ids: [499], state: "paid" } },
    });
    expect(data?.rewards.map((r) => [r.id, r.state])).toEqual([[7, "pending"]]);
    expect(server.seen).toMatchObject([{ body: theirs, authorization: `Bearer ${JWT}` }]);
  });

  it("a body a middleware already read is not sent from its source: a typed failure, nothing sent", async () => {
    const client = rewards();
    client.use({
      async onRequest({ request }) {
        await request.text();
      },
    });
    const failure = await client
      .PATCH(BULK_UPDATE, { body: { reward: { reward_ids: [499], state: "paid" } } })
      .catch((thrown: unknown) => thrown);
    expect(failure).toBeInstanceOf(PayoutsError);
    expect(server.seen).toEqual([]);
  });

  it("a pay whose 202 body breaks off is still accepted by its status (heard before the body)", async () => {
    server.script({ kind: "reset-after-headers", status: 202 });
    const prolific = createProlificClient({ token: TOKEN, baseUrl: server.url, timeoutMs: 5000 });
    const outcome = await payBonuses(prolific, "abc");
    expect(outcome).toMatchObject({ outcome: "accepted", status: 202, message: undefined });
    expect(server.seen).toHaveLength(1);
  });
});

describe("no timer of the client is left once an answer is in", () => {
  // The client's attempt timers, told apart from undici's own by their odd delay.
  const TIMEOUT_MS = 12_345;
  function watchAttemptTimers() {
    const live = new Set<unknown>();
    const setSpy = vi.spyOn(globalThis, "setTimeout");
    const clearSpy = vi.spyOn(globalThis, "clearTimeout");
    return {
      live: () => {
        for (const [i, call] of setSpy.mock.calls.entries())
          if (call[1] === TIMEOUT_MS) live.add(setSpy.mock.results[i]!.value);
        for (const [timer] of clearSpy.mock.calls) live.delete(timer);
        return live.size;
      },
      [Symbol.dispose]: () => vi.restoreAllMocks(),
    };
  }

  // openapi-fetch never reads an empty body (Content-Length: 0); the attempt's timer
  // must end with the answer all the same, not run on to the deadline.
  it("pay: an empty 202, whose body nobody reads", async () => {
    server.script({ kind: "status", status: 202, body: "", headers: { "content-length": "0" } });
    const prolific = createProlificClient({
      token: TOKEN,
      baseUrl: server.url,
      timeoutMs: TIMEOUT_MS,
    });
    using timers = watchAttemptTimers();
    const outcome = await payBonuses(prolific, "abc");
    expect(outcome).toMatchObject({ outcome: "accepted", status: 202, message: undefined });
    // The read that sees the end may settle a turn after the call returns.
    await new Promise((resolve) => setImmediate(resolve));
    expect(timers.live()).toBe(0);
    expect(server.seen).toHaveLength(1);
  });

  it("the raw client's PATCH, its body read by openapi-fetch", async () => {
    const client = createRewardsClient({ token: JWT, baseUrl: server.url, timeoutMs: TIMEOUT_MS });
    using timers = watchAttemptTimers();
    const { data } = await client.PATCH(BULK_UPDATE, {
      body: { reward: { reward_ids: [499], state: "paid" } },
    });
    expect(data?.rewards).toHaveLength(1);
    expect(timers.live()).toBe(0);
  });
});
