// Class 1: no redirect is ever followed, by the helpers or the raw typed client. A 3xx
// is an answer: "unknown" on pay, a RedirectError (not retried, redacted Location) elsewhere.
import { describe, expect, it } from "vitest";
import {
  createBonusPayments,
  createProlificClient,
  createRewardsClient,
  DuplicatePayError,
  markRewards,
  payBonuses,
  RedirectError,
} from "../src/index.js";
import { jsonAnswer, useHostileServer } from "./hostile-server.js";

const TOKEN = "prolific-token-for-redirects";
const JWT = "jwt.for.redirect.tests";
const PASSCODE = 4321;
const ID = "64a1b2c3d4e5f6a7b8c9d0e1";
const server = useHostileServer();
const other = useHostileServer(); // "another host": must never see a request

const prolific = () => createProlificClient({ token: TOKEN, baseUrl: server.url, timeoutMs: 2000 });
const rewards = () => createRewardsClient({ token: JWT, baseUrl: server.url, timeoutMs: 2000 });
const redirect = (status: number, location: string) => ({
  status,
  reason: "Redirect",
  headers: [["location", location]] as Array<[string, string]>,
  body: "",
});

describe("pay: a 3xx is 'unknown', sent once, and the id stays guarded", () => {
  it.each([301, 302, 303, 307, 308])("%s to the same path", async (status) => {
    server.otherwise(() => redirect(status, `/api/v1/bulk-bonus-payments/${ID}/pay/`));
    const client = prolific();
    const outcome = await payBonuses(client, ID);
    expect(outcome.outcome).toBe("unknown");
    if (outcome.outcome === "unknown") {
      expect(outcome.error).toBeInstanceOf(RedirectError);
      expect(outcome.error).toMatchObject({ status });
    }
    expect(server.seen.map((r) => r.method)).toEqual(["POST"]);
    // "unknown" is not "rejected": the id is not freed for a second pay.
    await expect(payBonuses(client, ID)).rejects.toThrow(DuplicatePayError);
    expect(server.seen).toHaveLength(1);
  });

  it("a 307 loop sends one request, not 21", async () => {
    server.otherwise((request) => redirect(307, request.path));
    expect((await payBonuses(prolific(), ID)).outcome).toBe("unknown");
    expect(server.seen).toHaveLength(1);
  });

  it("a 303 whose GET would fail is not 'rejected'", async () => {
    server.script(redirect(303, "/gone"));
    server.otherwise(() => jsonAnswer(404, { detail: "not found" }));
    const outcome = await payBonuses(prolific(), ID);
    expect(outcome.outcome).toBe("unknown");
    expect(server.seen.map((r) => `${r.method} ${r.path}`)).toEqual([
      `POST /api/v1/bulk-bonus-payments/${ID}/pay/`,
    ]);
  });
});

describe("nor re-sent by fetch itself", () => {
  // The Fetch standard re-sends a request once after 421 Misdirected Request.
  it("pay answered 421: one request, 'unknown' (the 421 itself is never seen)", async () => {
    server.otherwise(() => ({ status: 421, reason: "Misdirected Request", body: "" }));
    const outcome = await payBonuses(prolific(), ID);
    expect(outcome.outcome).toBe("unknown");
    expect(server.seen).toHaveLength(1);
  });

  it("set-up answered 421: one request", async () => {
    server.otherwise(() => ({ status: 421, reason: "Misdirected Request", body: "" }));
    const result = await createBonusPayments(prolific(), {
      studyId: "60d5f1a2b3c4d5e6f7a8b9c0",
      bonuses: [{ participantId: "p1", amount: "4.25" }],
    });
    expect(result.ok).toBe(false);
    expect(server.seen).toHaveLength(1);
  });
});

describe("nor sent outside the client's baseUrl", () => {
  it.each([
    ["a path that climbs out with ..", "/../steal"],
    ["a path that turns the host into userinfo with @", () => `@${new URL(other.url).host}/steal`],
  ])("%s: refused before sending", async (_name, path) => {
    const client = createRewardsClient({ token: JWT, baseUrl: `${server.url}/base` });
    const url = typeof path === "function" ? path() : path;
    const error = await client.GET(url as never).catch((e: unknown) => e);
    expect(error).toMatchObject({ name: "ConnectionError", requestMayHaveBeenSent: false });
    expect(server.seen).toHaveLength(0);
    expect(other.seen).toHaveLength(0);
  });
});

describe("other calls: RedirectError, not retried, Location redacted", () => {
  it("a cross-origin 307 on PATCH never sends the passcode to the other host", async () => {
    server.otherwise(() => redirect(307, `${other.url}/steal?passcode=${PASSCODE}&jwt=${JWT}`));
    const result = await markRewards(
      rewards(),
      { rewardIds: [499], state: "paid", passcode: PASSCODE },
      { baseDelayMs: 1, maxDelayMs: 2 },
    );
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.attempts).toBe(1);
    expect(result.error).toBeInstanceOf(RedirectError);
    const error = result.error as RedirectError;
    expect(error.location).toBe(`${other.url}/steal?passcode=[REDACTED]&jwt=[REDACTED]`);
    expect(error.message).toContain(`${other.url}/steal`);
    expect(JSON.stringify(error)).not.toMatch(new RegExp(`${PASSCODE}|${JWT}`));
    expect(server.seen).toHaveLength(1);
    expect(other.seen).toHaveLength(0);
  });

  it("set-up: a 302 is a RedirectError after one request", async () => {
    server.otherwise(() => redirect(302, `${other.url}/elsewhere`));
    const result = await createBonusPayments(prolific(), {
      studyId: "60d5f1a2b3c4d5e6f7a8b9c0",
      bonuses: [{ participantId: "p1", amount: "4.25" }],
    });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error).toBeInstanceOf(RedirectError);
    expect(server.seen).toHaveLength(1);
    expect(other.seen).toHaveLength(0);
  });

  it("the raw typed client gets the 3xx itself, even when a call asks to follow", async () => {
    server.otherwise(() => redirect(308, `${other.url}/api/v1/finance/rewards/bulk_update`));
    const { response } = await rewards().PATCH("/api/v1/finance/rewards/bulk_update", {
      body: { reward: { reward_ids: [499], state: "paid", passcode: PASSCODE } },
      redirect: "follow",
    });
    expect(response.status).toBe(308);
    expect(response.headers.get("location")).toBe(
      `${other.url}/api/v1/finance/rewards/bulk_update`,
    );
    expect(server.seen).toHaveLength(1);
    expect(other.seen).toHaveLength(0);
  });
});
