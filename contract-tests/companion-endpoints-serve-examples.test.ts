// The reads and sign-in added for issue 9, served by the Prism mocks with the specs'
// examples: what came back, and (through a recording fetch) what the mock was sent.
import { describe, expect, it } from "vitest";
import {
  getSubmission,
  listRewards,
  listStudySubmissions,
  NotFoundError,
  type Reward,
  signIn,
  UnauthorizedError,
} from "../src/index.js";
import {
  BALANCE,
  mocks,
  prolific,
  prolificSpec,
  REWARDS,
  recordingFetch,
  responseExamples,
  rewards,
  rewardsSpec,
  SIGN_IN,
  STUDY_SUBMISSIONS,
  SUBMISSION,
} from "./helpers.js";

describe("Prolific reads against the mock", () => {
  it("retrieve a submission: the vendor's example, with bonus_payments", async () => {
    const { fetch, sent } = recordingFetch();
    const { data, error, response } = await prolific({ fetch }).GET(SUBMISSION, {
      params: { path: { id: "625d4a831bcda2d59ac5a251" } },
    });
    expect(error).toBeUndefined();
    expect(response.status).toBe(200);
    expect(data).toEqual(
      responseExamples(prolificSpec, SUBMISSION, "get", "200")["approved-with-bonuses"],
    );
    expect(data?.bonus_payments).toEqual([1000, 2536]);
    expect(new URL(sent[0]!.url).pathname).toBe("/api/v1/submissions/625d4a831bcda2d59ac5a251/");
    expect(sent[0]!.headers.get("authorization")).toBe("Token test-prolific-token");
  });

  it("list a study's submissions: one page, limit and offset sent as query", async () => {
    const { fetch, sent } = recordingFetch();
    const { data, response } = await prolific({ fetch }).GET(STUDY_SUBMISSIONS, {
      params: { path: { id: "60aca280709ee40ec37d4885" }, query: { limit: 200, offset: 0 } },
    });
    expect(response.status).toBe(200);
    expect(data).toEqual(
      responseExamples(prolificSpec, STUDY_SUBMISSIONS, "get", "200")["one-page"],
    );
    expect(new URL(sent[0]!.url).search).toBe("?limit=200&offset=0");
  });

  it("a limit over 200 is refused by the mock (400: the reads document no 422)", async () => {
    const { response } = await prolific().GET(STUDY_SUBMISSIONS, {
      params: { path: { id: "s" }, query: { limit: 201 } },
    });
    expect(response.status).toBe(400);
    expect(response.headers.get("sl-violations")).toContain("limit");
  });

  it("workspace balance: the vendor's example", async () => {
    const { data, response } = await prolific().GET(BALANCE, {
      params: { path: { workspace_id: "w1" } },
    });
    expect(response.status).toBe(200);
    expect(data).toEqual(responseExamples(prolificSpec, BALANCE, "get", "200").balance);
  });

  it.each(["400", "401", "404", "429"])(
    "every read documents %s, served on request",
    async (status) => {
      for (const path of [SUBMISSION, STUDY_SUBMISSIONS, BALANCE]) {
        const [name, example] = Object.entries(
          responseExamples(prolificSpec, path, "get", status),
        )[0]!;
        const { error, response } = await prolific().GET(path as typeof SUBMISSION, {
          params: { path: { id: "x", workspace_id: "x" } } as { path: { id: string } },
          headers: { Prefer: `code=${status}, example=${name}` },
        });
        expect(response.status, path).toBe(Number(status));
        expect(error, path).toEqual(example);
      }
    },
  );

  it("the set-up answer is the vendor's fractional example, kept as received", async () => {
    const { data } = await prolific().POST("/api/v1/submissions/bonus-payments/", {
      body: { study_id: "620ca2735fcbba4fa2b3211a", csv_bonuses: "p1,8.50" },
    });
    expect(data).toMatchObject({ total_amount: 1133.34, fees: 283.34, amount: 850, vat: 0 });
  });
});

describe("DRVN list and sign-in against the mock", () => {
  it("list rewards: by_kind sent, the recorded pending reward back, per-page and total", async () => {
    const { fetch, sent } = recordingFetch();
    const { data, response } = await rewards({ fetch }).GET(REWARDS, {
      params: { query: { by_kind: "referral", by_name: "Monty", from_date: "2025-11-01" } },
    });
    expect(response.status).toBe(200);
    expect(data).toEqual(responseExamples(rewardsSpec, REWARDS, "get", "200")["pending-referral"]);
    expect(response.headers.get("per-page")).toBe("20");
    expect(response.headers.get("total")).toBe("1");
    const query = new URL(sent[0]!.url).searchParams;
    expect(Object.fromEntries(query)).toEqual({
      by_kind: "referral",
      by_name: "Monty",
      from_date: "2025-11-01",
    });
  });

  it("list rewards without by_kind is refused by the mock", async () => {
    const response = await fetch(`${mocks().urls.rewards}${REWARDS}`, {
      headers: { Authorization: "Bearer a.b.c" },
    });
    expect(response.status).toBe(422);
    await response.body?.cancel();
  });

  it("sign in: no token needed; the JWT in the Authorization response header", async () => {
    const body = { user: { login: "finance@example.org", password: "example-password" } };
    const response = await fetch(`${mocks().urls.rewards}${SIGN_IN}`, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify(body),
    });
    expect(response.status).toBe(200);
    // The mock issues its own JWT (HS256, devise-jwt claims), shaped as the spec says.
    const authorization = response.headers.get("authorization") ?? "";
    expect(authorization).toMatch(
      new RegExp(rewardsSpec.components.headers.SignedInAuthorization.schema.pattern),
    );
    const claims = JSON.parse(Buffer.from(authorization.split(".")[1]!, "base64url").toString());
    expect(claims).toMatchObject({ sub: "506", scp: "user", aud: null });
    expect(claims.exp - claims.iat).toBe(30 * 24 * 3600);
    expect(await response.json()).toEqual(
      responseExamples(rewardsSpec, SIGN_IN, "post", "200")["financial-admin"],
    );
  });

  it("sign in without a password is refused by the mock", async () => {
    const response = await fetch(`${mocks().urls.rewards}${SIGN_IN}`, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ user: { login: "finance@example.org" } }),
    });
    expect(response.status).toBe(422);
    await response.body?.cancel();
  });

  it("sign in with a wrong password: 401 on request", async () => {
    const { error, response } = await rewards().POST(SIGN_IN, {
      body: { user: { login: "a@b.c", password: "wrong" } },
      headers: { Prefer: "code=401" },
    });
    expect(response.status).toBe(401);
    expect(error).toEqual({ error: "Invalid Login or password." });
  });
});

describe("the helpers against the mocks", () => {
  const preferring = (prefer: string) => (request: Request) => {
    request.headers.set("Prefer", prefer);
    return globalThis.fetch(request);
  };

  it("signIn: the mock's JWT from the header, its exp, the example user; no token sent", async () => {
    const { fetch, sent } = recordingFetch();
    const session = await signIn({
      baseUrl: mocks().urls.rewards,
      login: "finance@example.org",
      password: "example-password",
      fetch,
    });
    // The mock issues its own JWT (a key per mock), valid for the vendor's 30 days.
    expect(`Bearer ${session.token}`).toMatch(
      new RegExp(rewardsSpec.components.headers.SignedInAuthorization.schema.pattern),
    );
    const expiresIn = session.expiresAt.getTime() - Date.now();
    expect(Math.abs(expiresIn - 30 * 24 * 3600 * 1000)).toBeLessThan(3600 * 1000);
    expect(session.user).toEqual(
      (
        responseExamples(rewardsSpec, SIGN_IN, "post", "200")["financial-admin"] as {
          user: unknown;
        }
      ).user,
    );
    expect(sent[0]!.headers.has("authorization")).toBe(false);
  });

  it("signIn with a wrong password (Prefer: code=401): UnauthorizedError", async () => {
    await expect(
      signIn({
        baseUrl: mocks().urls.rewards,
        login: "finance@example.org",
        password: "example-password",
        fetch: preferring("code=401"),
      }),
    ).rejects.toBeInstanceOf(UnauthorizedError);
  });

  it("listRewards: the example's reward, once (total 1 stops after one page)", async () => {
    const { fetch, sent } = recordingFetch();
    const listed: Reward[] = [];
    // The mock holds six referral rewards; the listing capture's one is Monty Fahey's.
    for await (const reward of listRewards(rewards({ fetch }), { kind: "referral", name: "Fahey" }))
      listed.push(reward);
    expect(listed).toEqual(
      (
        responseExamples(rewardsSpec, REWARDS, "get", "200")["pending-referral"] as {
          rewards: Reward[];
        }
      ).rewards,
    );
    expect(sent).toHaveLength(1);
    expect(new URL(sent[0]!.url).searchParams.get("by_name")).toBe("Fahey");
    expect(new URL(sent[0]!.url).searchParams.get("page")).toBe("1");
  });

  it("listStudySubmissions and getSubmission: the examples", async () => {
    const client = prolific();
    const listed: string[] = [];
    for await (const s of listStudySubmissions(client, "60aca280709ee40ec37d4885"))
      listed.push(s.id);
    expect(listed).toEqual(["625d4a831bcda2d59ac5a251"]);
    const submission = await getSubmission(client, listed[0]!);
    expect(submission.bonus_payments).toEqual([1000, 2536]);
  });

  it("getSubmission of a missing one (Prefer: code=404): NotFoundError", async () => {
    const client = prolific({ fetch: preferring("code=404") });
    await expect(getSubmission(client, "nope")).rejects.toBeInstanceOf(NotFoundError);
  });
});
