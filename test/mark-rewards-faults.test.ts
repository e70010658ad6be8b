// markRewards against a scripted fault server: retried where the policy says, with the
// same body each time; every case asserts the result AND the request count. Time is a
// fake clock (fake-clock.ts): waits and timeouts are exact and cost no real time.
import { describe, expect, it } from "vitest";
import {
  AbortedError,
  type AttemptEvent,
  ConnectionError,
  createRewardsClient,
  type MarkRewardsOptions,
  markRewards,
  RateLimitError,
  ServerError,
  TimeoutError,
  ValidationError,
} from "../src/index.js";
import { until, useFakeClock } from "./fake-clock.js";
import { type Fault, faultCatalogue, useFaultServer } from "./fault-server.js";
import { markThrough } from "./mark-through.js";

const TIMEOUT_MS = 100;
const FAST: MarkRewardsOptions = { baseDelayMs: 1, maxDelayMs: 5 };
const INPUT = { rewardIds: [499, 504], state: "paid" as const, passcode: 1234 };
const SENT_BODY = JSON.stringify({
  reward: { reward_ids: [499, 504], state: "paid", passcode: 1234 },
});

const server = useFaultServer();
useFakeClock();

/** markRewards on the fake clock; `elapsedMs` is the clock's time, not the machine's. */
const markTimed = (options: MarkRewardsOptions = {}, timeoutMs = TIMEOUT_MS) =>
  markThrough(server, { token: "jwt.for.tests", timeoutMs }, INPUT, { ...FAST, ...options });
const mark = async (options: MarkRewardsOptions = {}) => (await markTimed(options)).result;

function expectSameBodyEachTime(count: number) {
  expect(server.seen).toHaveLength(count);
  for (const request of server.seen) {
    expect(request).toMatchObject({
      method: "PATCH",
      body: SENT_BODY,
      authorization: "Bearer jwt.for.tests",
    });
  }
}

describe("retried faults then success", () => {
  const catalogue = faultCatalogue();
  it.each(Object.entries(catalogue))("%s, then 200 → ok after 2 attempts", async (_name, fault) => {
    server.script(fault);
    const result = await mark();
    expect(result).toMatchObject({ ok: true, attempts: 2, perPage: 20, total: 2, complete: true });
    if (result.ok) expect(result.rewards[0]?.bonus).toBe("10.0");
    expectSameBodyEachTime(2);
  });

  it("three faults in a row, then 200 → ok after 4 attempts", async () => {
    server.script(
      catalogue["503"]!,
      catalogue["reset before headers"]!,
      catalogue["slow headers"]!,
    );
    const result = await mark();
    expect(result).toMatchObject({ ok: true, attempts: 4 });
    expectSameBodyEachTime(4);
  });
});

describe("Retry-After", () => {
  it("in seconds: waits exactly that long before the next attempt", async () => {
    server.script({ kind: "status", status: 429, headers: { "retry-after": "1" } });
    const { result, elapsedMs } = await markTimed();
    expect(result).toMatchObject({ ok: true, attempts: 2 });
    expect(elapsedMs).toBe(1000);
    expectSameBodyEachTime(2);
  });

  it("as an HTTP-date: waits until then", async () => {
    const at = Math.ceil((Date.now() + 150) / 1000) * 1000; // HTTP-dates have 1 s resolution
    server.script({
      kind: "status",
      status: 503,
      headers: { "retry-after": new Date(at).toUTCString() },
    });
    const result = await mark();
    expect(result).toMatchObject({ ok: true, attempts: 2 });
    expect(Date.now()).toBe(at);
    expectSameBodyEachTime(2);
  });

  it("longer than the call's time cap: gives up at once with the RateLimitError", async () => {
    server.script({ kind: "status", status: 429, headers: { "retry-after": "120" } });
    const { result, elapsedMs } = await markTimed({ totalTimeoutMs: 2000 });
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.error).toBeInstanceOf(RateLimitError);
      expect(result.error).toMatchObject({ retryAfterMs: 120_000 });
    }
    expect(elapsedMs).toBe(0);
    expectSameBodyEachTime(1);
  });
});

describe("not retried", () => {
  it.each([
    [400, "BadRequestError"],
    [401, "UnauthorizedError"],
    [403, "ForbiddenError"],
    [404, "NotFoundError"],
    [422, "ValidationError"],
  ])("%s → %s after one attempt", async (status, name) => {
    server.script({ kind: "status", status, body: '{"errors":{"state":["is invalid"]}}' });
    const result = await mark();
    expect(result).toMatchObject({ ok: false, attempts: 1, error: { name, status } });
    expectSameBodyEachTime(1);
  });

  it("an empty 422 is still a typed error", async () => {
    server.script({ kind: "status", status: 422, body: "" });
    const result = await mark();
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.error).toBeInstanceOf(ValidationError);
      expect(result.error).toMatchObject({ body: undefined });
    }
  });

  it("the caller's abort during back-off ends the call, with no further request", async () => {
    server.script({ kind: "status", status: 503, headers: { "retry-after": "5" } });
    const controller = new AbortController();
    // Aborted as the 5 s back-off begins; the clock never moves, so no timer decides.
    const onAttempt = (event: AttemptEvent) => {
      if (event.retryInMs !== undefined) queueMicrotask(() => controller.abort());
    };
    const result = await markRewards(
      createRewardsClient({ token: "jwt.for.tests", baseUrl: server.url, timeoutMs: TIMEOUT_MS }),
      INPUT,
      { ...FAST, signal: controller.signal, onAttempt },
    );
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error).toBeInstanceOf(AbortedError);
    expectSameBodyEachTime(1);
  });

  it("the caller's abort during an attempt is not retried", async () => {
    server.script({ kind: "slow-headers" });
    const controller = new AbortController();
    const pending = markRewards(
      createRewardsClient({ token: "jwt.for.tests", baseUrl: server.url, timeoutMs: 5000 }),
      INPUT,
      { ...FAST, signal: controller.signal },
    );
    // Aborted once the server holds the request: it was sent, and no timer decides.
    await until(() => server.holdingLatest() === "headers");
    controller.abort();
    const result = await pending;
    expect(result).toMatchObject({ ok: false, attempts: 1 });
    if (!result.ok) expect(result.error).toBeInstanceOf(AbortedError);
    expectSameBodyEachTime(1);
  });
});

describe("caps", () => {
  it("stops after maxAttempts with the last error", async () => {
    const always503: Fault = { kind: "status", status: 503 };
    server.script(always503, always503, always503, always503, always503);
    const result = await mark({ maxAttempts: 3 });
    expect(result).toMatchObject({ ok: false, attempts: 3 });
    if (!result.ok) expect(result.error).toBeInstanceOf(ServerError);
    expectSameBodyEachTime(3);
  });

  it("stops at the total time cap with a TimeoutError", async () => {
    const slow: Fault = { kind: "slow-headers", delayMs: 1000 };
    server.script(slow, slow, slow, slow);
    const { result, elapsedMs } = await markTimed({ totalTimeoutMs: 250 }, 2000);
    expect(result).toMatchObject({ ok: false, attempts: 1 });
    if (!result.ok) expect(result.error).toBeInstanceOf(TimeoutError);
    expect(elapsedMs).toBe(250);
    expectSameBodyEachTime(1);
  });

  it("reports each attempt to onAttempt", async () => {
    const events: AttemptEvent[] = [];
    server.script({ kind: "reset-before-headers" }, { kind: "status", status: 500 });
    await mark({ onAttempt: (e) => events.push(e) });
    expect(
      events.map((e) => [e.attempt, e.status, e.error?.name, e.retryInMs !== undefined]),
    ).toEqual([
      [1, undefined, "ConnectionError", true],
      [2, 500, "ServerError", true],
      [3, 200, undefined, false],
    ]);
    expect(events[0]?.error).toBeInstanceOf(ConnectionError);
  });

  it("says when the answer lists only a first page", async () => {
    server.script({
      kind: "status",
      status: 200,
      body: JSON.stringify({ rewards: [] }),
      headers: { "per-page": "20", total: "25" },
    });
    expect(await mark()).toMatchObject({ ok: true, perPage: 20, total: 25, complete: false });
  });
});
