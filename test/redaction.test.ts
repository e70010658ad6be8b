// The token and the passcode must appear nowhere a user might paste: messages,
// toString, util.inspect, JSON of errors and outcomes, and onAttempt events, even when
// the server echoes them back.
import { inspect } from "node:util";
import { describe, expect, it } from "vitest";
import {
  type AttemptEvent,
  createProlificClient,
  createRewardsClient,
  markRewards,
  payBonuses,
} from "../src/index.js";
import { useFakeClock } from "./fake-clock.js";
import { useFaultServer } from "./fault-server.js";
import { markThrough } from "./mark-through.js";

const TOKEN = "tok-9f8e7d6c5b4a39281706";
const JWT = "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJyZWRhY3Rpb24ifQ.c2lnbmF0dXJlLXRlc3Q";
const PASSCODE = 987_654;
// A client can only redact what it holds: its own token, and the passcode it was given.
const REWARDS_SECRETS = [JWT, String(PASSCODE)];
const PROLIFIC_SECRETS = [TOKEN];

const server = useFaultServer();
useFakeClock();

/** Every way a user might turn a value into text. */
function renderings(value: unknown): string[] {
  return [
    String(value),
    inspect(value, { depth: Number.POSITIVE_INFINITY, showHidden: true }),
    JSON.stringify(value) ?? "",
    value instanceof Error ? `${value.message}\n${value.stack}` : "",
  ];
}

let found = 0;
function expectNoSecret(value: unknown, secrets = REWARDS_SECRETS) {
  for (const text of renderings(value)) {
    for (const secret of secrets) {
      if (text.includes(secret)) found++;
      expect(text).not.toContain(secret);
    }
  }
}

const echo = JSON.stringify({
  errors: { passcode: [`${PASSCODE} is wrong`], note: `token was ${TOKEN} / ${JWT}` },
  authorization: `Bearer ${JWT}`,
  password: "hunter2",
});

describe("secrets in outputs", () => {
  it("a server that echoes the token and passcode in a 422 body", async () => {
    server.reset();
    server.script({ kind: "status", status: 422, body: echo });
    const events: AttemptEvent[] = [];
    const client = createRewardsClient({ token: JWT, baseUrl: server.url });
    const result = await markRewards(
      client,
      { rewardIds: [1], state: "paid", passcode: PASSCODE },
      { onAttempt: (e) => events.push(e) },
    );
    expect(result.ok).toBe(false);
    expect(server.seen[0]?.body).toContain(String(PASSCODE)); // it was sent, only not shown
    expectNoSecret(result);
    if (!result.ok) {
      expectNoSecret(result.error);
      expect(JSON.stringify(result.error)).toContain("[REDACTED]");
      expect((result.error as unknown as { body: any }).body.password).toBe("[REDACTED]");
    }
    expect(events).toHaveLength(1);
    expectNoSecret(events);
  });

  it("echoed in a retried 503 page, a reset, and a timeout (every event checked)", async () => {
    server.reset();
    server.script(
      {
        kind: "status",
        status: 503,
        body: `<html>${TOKEN} ${JWT} ${PASSCODE}</html>`,
        headers: { "content-type": "text/html" },
      },
      { kind: "reset-before-headers" },
      { kind: "slow-headers" },
    );
    const events: AttemptEvent[] = [];
    const { result } = await markThrough(
      server,
      { token: JWT, timeoutMs: 80 },
      { rewardIds: [1], state: "paid", passcode: PASSCODE },
      { baseDelayMs: 1, maxAttempts: 3, onAttempt: (e) => events.push(e) },
    );
    expect(result.ok).toBe(false);
    expect(events.map((e) => e.error?.name)).toEqual([
      "ServerError",
      "ConnectionError",
      "TimeoutError",
    ]);
    expectNoSecret(result);
    expectNoSecret(events);
    for (const e of events) expectNoSecret(e.error);
  });

  it("pay accepted: a 202 whose text echoes the token keeps its wording, not the token", async () => {
    server.script({ kind: "status", status: 202, body: `queued for Token ${TOKEN}` });
    const client = createProlificClient({ token: TOKEN, baseUrl: server.url });
    const outcome = await payBonuses(client, "echo");
    expect(outcome).toMatchObject({ outcome: "accepted", message: "queued for Token [REDACTED]" });
    expectNoSecret(outcome, PROLIFIC_SECRETS);
  });

  it("pay outcomes: a 401 body echoing the token, and an unknown outcome", async () => {
    server.reset();
    server.script(
      {
        kind: "status",
        status: 401,
        body: JSON.stringify({ error: { detail: `Invalid token ${TOKEN}` } }),
      },
      { kind: "status", status: 500, body: `token=${TOKEN}` },
    );
    const client = createProlificClient({ token: TOKEN, baseUrl: server.url });
    const rejected = await payBonuses(client, "a");
    const unknown = await payBonuses(client, "b");
    expect([rejected.outcome, unknown.outcome]).toEqual(["rejected", "unknown"]);
    expectNoSecret(rejected, PROLIFIC_SECRETS);
    expectNoSecret(unknown, PROLIFIC_SECRETS);
  });

  it("bad input that holds a secret is refused without echoing it", async () => {
    const client = createRewardsClient({ token: JWT, baseUrl: server.url });
    for (const input of [
      { rewardIds: [1], state: "paid", passcode: String(PASSCODE) },
      { rewardIds: [1], state: JWT, passcode: PASSCODE },
      { rewardIds: [1], state: "paid", passcode: PASSCODE + 0.5 },
    ]) {
      const error = await markRewards(client, input as any).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(Error);
      expectNoSecret(error);
    }
  });

  it("found no secret in any output", () => {
    expect(found).toBe(0);
  });
});
