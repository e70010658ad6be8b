// What leaves the client is what the call built, whatever a middleware does: the body as
// serialized once (sent from its source, not a copy of the Request), the client's token
// set last, and a middleware's own Request or a consumed body handled as fetch would.
import { describe, expect, it } from "vitest";
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
