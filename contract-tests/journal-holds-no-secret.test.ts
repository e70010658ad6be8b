// The journal (`GET /__mock/requests`, `mocks.requests()`) never holds a token, password
// or passcode, wherever a client put it: secret-named headers in any casing, a credential
// in another header, the query string, a JSON body sent as text, a form body.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { type RunningMocks, startMocks } from "../src/mock/index.js";

let mocks: RunningMocks;
beforeAll(async () => {
  mocks = await startMocks();
});
afterAll(() => mocks.stop());
beforeEach(() => mocks.reset());

const REWARDS = "/api/v1/finance/rewards";
const SIGN_IN = "/api/v1/users/sign_in";
const journalText = async () =>
  JSON.stringify(await (await fetch(`${mocks.urls.rewards}/__mock/requests`)).json());

async function expectNotJournaled(secrets: string[], send: () => Promise<Response>) {
  const answer = await send();
  await answer.arrayBuffer();
  const text = await journalText();
  expect(JSON.parse(text).requests).toHaveLength(1); // the request was seen and recorded
  const typed = JSON.stringify(mocks.requests());
  for (const secret of secrets) {
    expect(text).not.toContain(secret);
    expect(typed).not.toContain(secret);
  }
}

describe("the journal holds no secret", () => {
  it("in secret-named headers, any casing, and credentials in other headers", async () => {
    await expectNotJournaled(["HSECRET1", "HSECRET2", "HSECRET3", "jwt-part"], () =>
      fetch(`${mocks.urls.rewards}${REWARDS}?by_kind=referral`, {
        headers: {
          Authorization: "Bearer jwt-part.b.c",
          "X-API-KEY": "HSECRET1",
          "X-Auth-Token": "HSECRET2",
          "X-Debug": "forwarded bearer HSECRET3",
        },
      }),
    );
  });

  it("in the query string, any casing", async () => {
    await expectNotJournaled(["QSECRET1", "QSECRET2", "QSECRET3"], () =>
      fetch(
        `${mocks.urls.rewards}${REWARDS}?by_kind=referral&access_token=QSECRET1&PassCode=QSECRET2&note=Token%20QSECRET3`,
        { headers: { Authorization: "Bearer a.b.c" } },
      ),
    );
  });

  it("in a JSON body sent as text/plain", async () => {
    await expectNotJournaled(["example-password", "9876543"], () =>
      fetch(`${mocks.urls.rewards}${SIGN_IN}`, {
        method: "POST",
        headers: { "content-type": "text/plain" },
        body: JSON.stringify({
          user: { login: "finance@example.org", password: "example-password" },
          PASSCODE: 9876543,
        }),
      }),
    );
  });

  it("in a form body, and in text that is not JSON", async () => {
    await expectNotJournaled(["FSECRET1", "FSECRET2"], () =>
      fetch(`${mocks.urls.rewards}${SIGN_IN}`, {
        method: "POST",
        headers: { "content-type": "application/x-www-form-urlencoded" },
        body: "user[login]=x&user[password]=FSECRET1&passcode: FSECRET2",
      }),
    );
  });

  it("keeps what is not secret", async () => {
    await fetch(`${mocks.urls.rewards}${REWARDS}?by_kind=referral&by_name=Ann`, {
      headers: { Authorization: "Bearer a.b.c", "X-Request-Id": "req-1" },
    }).then((r) => r.arrayBuffer());
    const [entry] = mocks.requests();
    expect(entry?.query).toEqual({ by_kind: "referral", by_name: "Ann" });
    expect(entry?.headers["x-request-id"]).toBe("req-1");
    expect(entry?.headers.authorization).toBe("[REDACTED]");
  });
});
