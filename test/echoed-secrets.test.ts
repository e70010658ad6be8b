// Class 5: secrets a server echoes back are redacted wherever they can come from: the
// status reason phrase, header values copied into errors, numbers in a body, a short
// passcode in text (as a whole token only), the Location of a redirect.
import { inspect } from "node:util";
import { describe, expect, it } from "vitest";
import {
  type AttemptEvent,
  createProlificClient,
  createRewardsClient,
  markRewards,
  payBonuses,
} from "../src/index.js";
import { type RawAnswer, useHostileServer } from "./hostile-server.js";

const JWT = "eyJhbGciOiJub25lIn0.leak-canary.jwt";
const TOKEN = "prolific-leak-canary-token";
const server = useHostileServer();

/** Every way a caller may show a result: none may hold a secret. */
function shown(value: unknown): string {
  const error = (value as { error?: unknown }).error;
  return [
    JSON.stringify(value),
    inspect(value, { depth: 10 }),
    String(error),
    (error as Error)?.stack,
  ].join("\n");
}

async function mark(answer: RawAnswer, passcode: number) {
  server.script(answer);
  const events: AttemptEvent[] = [];
  const client = createRewardsClient({ token: JWT, baseUrl: server.url });
  const result = await markRewards(
    client,
    { rewardIds: [499], state: "paid", passcode },
    { maxAttempts: 1, onAttempt: (e) => events.push(e) },
  );
  expect(result.ok).toBe(false);
  expect(server.seen).toHaveLength(1);
  expect(JSON.parse(server.seen[0]?.body ?? "").reward.passcode).toBe(passcode);
  return { result, text: `${shown(result)}\n${shown({ events })}` };
}

describe("markRewards errors", () => {
  it("the reason phrase", async () => {
    const { text } = await mark(
      { status: 422, reason: `Bad passcode 987654 for ${JWT}`, body: "" },
      987654,
    );
    expect(text).toContain("422 Bad passcode [REDACTED] for [REDACTED]");
    expect(text).not.toMatch(/987654|leak-canary/);
  });

  it("x-request-id and the other copied headers", async () => {
    const { result, text } = await mark(
      {
        status: 500,
        headers: [
          ["x-request-id", `req-${JWT}-987654`],
          [
            "sl-violations",
            JSON.stringify([
              { location: ["body"], severity: "Error", code: 1, message: `saw ${JWT}` },
            ]),
          ],
        ],
        body: "",
      },
      987654,
    );
    expect(result.ok || result.error).toMatchObject({ requestId: "req-[REDACTED]-[REDACTED]" });
    expect(text).not.toMatch(/987654|leak-canary/);
  });

  it("numbers in the body equal to the passcode, under any key", async () => {
    const body = JSON.stringify({
      errors: { reward: ["invalid"] },
      got: 987654,
      list: [1, 987654],
    });
    const { result, text } = await mark(
      { status: 422, headers: [["content-type", "application/json"]], body },
      987654,
    );
    expect(result.ok || result.error).toMatchObject({
      body: { got: "[REDACTED]", list: [1, "[REDACTED]"] },
    });
    expect(text).not.toMatch(/987654/);
  });

  it("a short passcode as a whole token, not inside longer numbers", async () => {
    const body = "passcode 42 refused for reward 1425 (42).";
    const { result } = await mark({ status: 403, body }, 42);
    expect(result.ok || result.error).toMatchObject({
      body: "passcode [REDACTED] refused for reward 1425 ([REDACTED]).",
    });
  });

  it("the passcode and token in a retried 503's reason, headers and body, in every event", async () => {
    server.script(
      {
        status: 503,
        reason: `busy ${JWT}`,
        headers: [["x-request-id", "1234"]],
        body: `{"passcode_was": 1234}`,
      },
      { status: 503, reason: "busy 1234", body: `token ${JWT}` },
    );
    const events: AttemptEvent[] = [];
    const client = createRewardsClient({ token: JWT, baseUrl: server.url });
    const result = await markRewards(
      client,
      { rewardIds: [499], state: "paid", passcode: 1234 },
      { maxAttempts: 2, baseDelayMs: 1, onAttempt: (e) => events.push(e) },
    );
    expect(server.seen).toHaveLength(2);
    expect(events).toHaveLength(2);
    expect(`${shown(result)}\n${shown({ events })}`).not.toMatch(/1234|leak-canary/);
  });
});

describe("cut to length only after redaction", () => {
  it("a token straddling the 200-character cut of a header leaves no part behind", async () => {
    const { result, text } = await mark(
      { status: 500, headers: [["x-request-id", `${"r".repeat(190)}${JWT}`]], body: "" },
      987654,
    );
    expect(result.ok || (result.error as { requestId?: string }).requestId).toMatch(
      /^r{190}\[REDACTED\]$/,
    );
    expect(text).not.toContain(JWT.slice(0, 10));
  });
});

describe("payBonuses outcomes", () => {
  it("the token echoed in the reason phrase, x-request-id and body of a 500", async () => {
    server.script({
      status: 500,
      reason: `Server error for Token ${TOKEN}`,
      headers: [["x-request-id", TOKEN]],
      body: JSON.stringify({ detail: `Token ${TOKEN} was used` }),
    });
    const client = createProlificClient({ token: TOKEN, baseUrl: server.url });
    const outcome = await payBonuses(client, "64a1b2c3d4e5f6a7b8c9d0e1");
    expect(outcome.outcome).toBe("unknown");
    expect(server.seen).toHaveLength(1);
    expect(shown(outcome)).not.toContain(TOKEN);
  });
});
