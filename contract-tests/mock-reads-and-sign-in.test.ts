// The reads reflect the state: a pay shows in the submission and the study's list; list
// → mark → list shows the new state, filtered and paged. And which DRVN tokens the mock
// accepts: any Bearer token by default; with requireSignIn only its own unexpired ones.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import {
  createBonusPayments,
  createProlificClient,
  createRewardsClient,
  payBonuses,
} from "../src/index.js";
import { type RunningMocks, startMocks } from "../src/mock/index.js";
import { BULK_UPDATE, REWARDS, SIGN_IN, STUDY_SUBMISSIONS, SUBMISSION } from "./helpers.js";

const LOGIN = { login: "finance@example.org", password: "example-password" };

let mocks: RunningMocks;
beforeAll(async () => {
  mocks = await startMocks();
});
afterAll(() => mocks.stop());
beforeEach(() => mocks.reset());

describe("Prolific reads reflect pays", () => {
  it("set-up → pay → the submission's bonus_payments and the study's list", async () => {
    const prolific = createProlificClient({ token: "t0ken", baseUrl: mocks.urls.prolific });
    const setUp = await createBonusPayments(prolific, {
      studyId: "study-r",
      bonuses: [
        { participantId: "p1", amount: "1.50" },
        { participantId: "p2", amount: "2" },
        { participantId: "p3", amount: "0.01" },
      ],
    });
    if (!setUp.ok) throw new Error("set-up refused");
    const page1 = await prolific.GET(STUDY_SUBMISSIONS, {
      params: { path: { id: "study-r" }, query: { limit: 2, offset: 0 } },
    });
    expect(page1.data?.results.map((s) => s.participant_id)).toEqual(["p1", "p2"]);
    expect(page1.data?.meta).toEqual({ count: 3 });
    const next = new URL(page1.data!._links!.next!.href!);
    expect(next.search).toBe("?limit=2&offset=2");
    const page2 = await prolific.GET(STUDY_SUBMISSIONS, {
      params: { path: { id: "study-r" }, query: { limit: 2, offset: 2 } },
    });
    expect(page2.data?.results.map((s) => s.participant_id)).toEqual(["p3"]);
    expect(page2.data?._links?.next?.href).toBeNull();

    const ids = [...page1.data!.results, ...page2.data!.results].map((s) => s.id);
    const read = async () =>
      Promise.all(
        ids.map(async (id) => (await prolific.GET(SUBMISSION, { params: { path: { id } } })).data),
      );
    expect((await read()).map((s) => s?.bonus_payments)).toEqual([[], [], []]);
    expect(await payBonuses(prolific, setUp.payment.id)).toMatchObject({ outcome: "accepted" });
    expect((await read()).map((s) => s?.bonus_payments)).toEqual([[150], [200], [1]]);
  });

  it("an unknown submission or study is the spec's 404", async () => {
    const prolific = createProlificClient({ token: "t0ken", baseUrl: mocks.urls.prolific });
    const one = await prolific.GET(SUBMISSION, { params: { path: { id: "nope" } } });
    const list = await prolific.GET(STUDY_SUBMISSIONS, { params: { path: { id: "nope" } } });
    expect([one.response.status, list.response.status]).toEqual([404, 404]);
  });
});

describe("DRVN list → mark → list", () => {
  const rewards = () => createRewardsClient({ token: "a.b.c", baseUrl: mocks.urls.rewards });
  const list = (query: Record<string, string | number>) =>
    rewards().GET(REWARDS, { params: { query: { by_kind: "referral", ...query } as any } });

  it("shows the state bulk_update set", async () => {
    const before = await list({});
    expect(before.data?.rewards.map((r) => [r.id, r.state])).toEqual([
      [369, "pending"],
      [499, "pending"],
      [504, "pending"],
      [509, "pending"],
      [514, "pending"],
      [519, "pending"],
    ]);
    expect(before.response.headers.get("total")).toBe("6");
    await rewards().PATCH(BULK_UPDATE, {
      body: { reward: { reward_ids: [369, 519], state: "paid" } },
    });
    const after = await list({});
    expect(after.data?.rewards.filter((r) => r.state === "paid").map((r) => r.id)).toEqual([
      369, 519,
    ]);
  });

  it("filters by kind, name and dates; pages with per-page, total and Link", async () => {
    expect((await list({ by_name: "monty" })).data?.rewards.map((r) => r.id)).toEqual([369]);
    expect((await list({ by_name: "Rolande Considine" })).data?.rewards.map((r) => r.id)).toEqual([
      519,
    ]);
    const hourly = await rewards().GET(REWARDS, { params: { query: { by_kind: "hourly" } } });
    expect(hourly.data?.rewards).toEqual([]);
    expect((await list({ from_date: "2025-11-11" })).data?.rewards).toEqual([]);
    expect(
      (await list({ from_date: "2025-11-10", to_date: "2025-11-10" })).data?.rewards,
    ).toHaveLength(6);

    const page2 = await list({ per_page: 4, page: 2 });
    expect(page2.data?.rewards.map((r) => r.id)).toEqual([514, 519]);
    expect(page2.response.headers.get("per-page")).toBe("4");
    expect(page2.response.headers.get("total")).toBe("6");
    const page1 = await list({ per_page: 4 });
    expect(page1.response.headers.get("link")).toMatch(/<[^>]*[?&]page=2[^>]*>; rel="next"/);
  });
});

/** The claims of a JWT, read as the client's signIn reads them. */
const claimsOf = (authorization: string | null) =>
  JSON.parse(Buffer.from(authorization!.split(".")[1]!, "base64url").toString());

async function signIn(mock: RunningMocks, user = LOGIN) {
  const client = createRewardsClient({ token: "unused.before.signin", baseUrl: mock.urls.rewards });
  return client.POST(SIGN_IN, { body: { user } });
}

describe("which DRVN tokens the mock accepts (issue 14)", () => {
  it("by default: any Bearer token; none or another scheme is the documented 401", async () => {
    const mark = (authorization?: string) =>
      fetch(`${mocks.urls.rewards}${BULK_UPDATE}`, {
        method: "PATCH",
        headers: {
          "content-type": "application/json",
          ...(authorization ? { authorization } : {}),
        },
        body: JSON.stringify({ reward: { reward_ids: [499], state: "paid" } }),
      });
    expect((await mark("Bearer test.jwt.token")).status).toBe(200);
    expect((await mark()).status).toBe(401);
    expect((await mark("Token test.jwt.token")).status).toBe(401);
  });

  it("sign_in: the example's login gets a JWT whose exp the client can read; a wrong password is 401", async () => {
    const { response, data } = await signIn(mocks);
    expect(response.status).toBe(200);
    expect(data?.user.role).toBe("financial_admin");
    const claims = claimsOf(response.headers.get("authorization"));
    expect(claims.exp - claims.iat).toBe(30 * 24 * 3600);
    const wrong = await signIn(mocks, { ...LOGIN, password: "guess" });
    expect(wrong.response.status).toBe(401);
    expect(wrong.error).toEqual({ error: "Invalid Login or password." });
    expect(JSON.stringify(mocks.requests())).not.toContain("example-password");
  });

  it("requireSignIn: only its own unexpired tokens; a team can test its refresh on 401", async () => {
    let now = Date.parse("2026-01-01T00:00:00Z");
    const strict = await startMocks({
      requireSignIn: true,
      tokenLifetimeSeconds: 60,
      credentials: [{ login: "ops@team.test", password: "s3cret-pass" }],
      now: () => now,
    });
    try {
      const mark = (token: string) =>
        createRewardsClient({ token, baseUrl: strict.urls.rewards }).PATCH(BULK_UPDATE, {
          body: { reward: { reward_ids: [499], state: "paid" } },
        });
      expect((await signIn(strict)).response.status).toBe(401); // the example login is not configured
      const { response } = await signIn(strict, {
        login: "ops@team.test",
        password: "s3cret-pass",
      });
      const authorization = response.headers.get("authorization")!;
      const token = authorization.slice("Bearer ".length);
      expect(claimsOf(authorization).exp - claimsOf(authorization).iat).toBe(60);

      expect((await mark(token)).response.status).toBe(200);
      expect((await mark("test.jwt.token")).response.status).toBe(401);
      // Another mock's token (a different signing key) is not accepted either.
      const other = await signIn(mocks);
      const foreign = other.response.headers.get("authorization")!.slice("Bearer ".length);
      expect((await mark(foreign)).response.status).toBe(401);
      // A tampered payload (a later exp) breaks the signature.
      const [h, , s] = token.split(".");
      const forged = Buffer.from(JSON.stringify({ ...claimsOf(authorization), exp: 9e9 })).toString(
        "base64url",
      );
      expect((await mark(`${h}.${forged}.${s}`)).response.status).toBe(401);

      now += 61_000; // past exp
      const expired = await mark(token);
      expect(expired.response.status).toBe(401);
      expect(expired.error).toEqual({ error: "You need to sign in or sign up before continuing." });
      const renewed = await signIn(strict, { login: "ops@team.test", password: "s3cret-pass" });
      const fresh = renewed.response.headers.get("authorization")!.slice("Bearer ".length);
      expect((await mark(fresh)).response.status).toBe(200);
      expect(
        strict.requests({ operationId: "bulk-update-reward-state" }).map((r) => r.status),
      ).toEqual([200, 401, 401, 401, 401, 200]);
    } finally {
      await strict.stop();
    }
  });
});
