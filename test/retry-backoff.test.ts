// The retry policy of idempotent calls, as markRewards announces and keeps it against the
// fault server: each back-off is baseDelayMs doubled per attempt, capped by maxDelayMs, with
// half of it fixed and half scaled by `random` (never negative, never more than the step),
// stretched to Retry-After; 408, 429 and 5xx are retried, other 4xx are not. Each case
// asserts the announced waits, the time the fake clock moved, and the requests the server saw.
import { describe, expect, it } from "vitest";
import {
  ApiError,
  type AttemptEvent,
  createRewardsClient,
  InvalidInputError,
  type MarkRewardsOptions,
  markRewards,
} from "../src/index.js";
import { useFakeClock } from "./fake-clock.js";
import { type Fault, useFaultServer } from "./fault-server.js";
import { markThrough } from "./mark-through.js";

const server = useFaultServer();
useFakeClock();

const status = (code: number, headers: Record<string, string> = {}): Fault => ({
  kind: "status",
  status: code,
  headers,
});

/** markRewards after `faults`; the waits it announced and the clock's elapsed time. */
async function retried(faults: Fault[], options: MarkRewardsOptions) {
  server.script(...faults);
  const events: AttemptEvent[] = [];
  const { result, elapsedMs } = await markThrough(
    server,
    { token: "jwt.backoff", timeoutMs: 5_000 },
    { rewardIds: [499], state: "paid" },
    { ...options, onAttempt: (event) => events.push(event) },
  );
  const waits = events.map((e) => e.retryInMs).filter((ms) => ms !== undefined);
  return { result, waits, elapsedMs };
}

/** markRewards with `options` refused before anything is sent: the error it threw. */
const refused = (options: MarkRewardsOptions) =>
  markRewards(
    createRewardsClient({ token: "jwt.backoff", baseUrl: server.url }),
    { rewardIds: [499], state: "paid" },
    options,
  ).catch((e: unknown) => e);

const three503 = [status(503), status(503), status(503)];

describe("back-off between attempts", () => {
  it("doubles from baseDelayMs; with random 0 it waits the fixed half of each step", async () => {
    const { result, waits, elapsedMs } = await retried(three503, {
      baseDelayMs: 100,
      random: () => 0,
    });
    expect(result).toMatchObject({ ok: true, attempts: 4 });
    expect(waits).toEqual([50, 100, 200]);
    expect(elapsedMs).toBe(350);
    expect(server.seen).toHaveLength(4);
  });

  it("random adds up to the other half: 0.5 gives three quarters of each step", async () => {
    const { waits, elapsedMs } = await retried(three503, { baseDelayMs: 100, random: () => 0.5 });
    expect(waits).toEqual([75, 150, 300]);
    expect(elapsedMs).toBe(525);
  });

  it("random just under 1 stays within the step (equal jitter, rounded)", async () => {
    const { waits } = await retried(three503, { baseDelayMs: 100, random: () => 0.999 });
    expect(waits).toEqual([100, 200, 400]);
  });

  it("maxDelayMs caps the step before jitter", async () => {
    const { waits } = await retried(three503, {
      baseDelayMs: 100,
      maxDelayMs: 150,
      random: () => 0,
    });
    expect(waits).toEqual([50, 75, 75]);
  });

  it("a Retry-After longer than the back-off is waited in full; a shorter one is not shortening it", async () => {
    const { waits, elapsedMs } = await retried(
      [status(429, { "retry-after": "2" }), status(503, { "retry-after": "0" })],
      { baseDelayMs: 400, random: () => 0 },
    );
    expect(waits).toEqual([2_000, 400]);
    expect(elapsedMs).toBe(2_400);
    expect(server.seen).toHaveLength(3);
  });

  it("a back-off of 0 ms is allowed and retries at once", async () => {
    const { result, waits, elapsedMs } = await retried([status(500)], { baseDelayMs: 0 });
    expect(result).toMatchObject({ ok: true, attempts: 2 });
    expect(waits).toEqual([0]);
    expect(elapsedMs).toBe(0);
  });

  it("a wait that would end at or past the call's cap is not started", async () => {
    const { result, waits, elapsedMs } = await retried([status(503)], {
      baseDelayMs: 1_000,
      totalTimeoutMs: 1_000,
      random: () => 0.999,
    });
    expect(result).toMatchObject({ ok: false, attempts: 1 });
    expect(waits).toEqual([]);
    expect(elapsedMs).toBe(0);
    expect(server.seen).toHaveLength(1);
  });
});

describe("which answers are retried", () => {
  it.each([408, 429, 500, 502, 503, 599])("%i is retried", async (code) => {
    const { result, waits } = await retried([status(code)], { baseDelayMs: 0 });
    expect(result).toMatchObject({ ok: true, attempts: 2 });
    expect(waits).toEqual([0]);
    expect(server.seen).toHaveLength(2);
  });

  it.each([400, 401, 403, 404, 409, 428, 430, 499])("%i is not retried", async (code) => {
    const { result, waits } = await retried([status(code)], { baseDelayMs: 0 });
    expect(result).toMatchObject({ ok: false, attempts: 1 });
    if (!result.ok) expect(result.error).toBeInstanceOf(ApiError);
    if (!result.ok) expect(result.error).toMatchObject({ status: code });
    expect(waits).toEqual([]);
    expect(server.seen).toHaveLength(1);
  });
});

describe("retry options are checked at their edges", () => {
  it.each<[keyof MarkRewardsOptions, number]>([
    ["maxAttempts", 0],
    ["maxAttempts", 11],
    ["maxAttempts", 2.5],
    ["baseDelayMs", -1],
    ["baseDelayMs", 60_001],
    ["maxDelayMs", -1],
    ["maxDelayMs", 600_001],
    ["totalTimeoutMs", 0],
    ["totalTimeoutMs", 3_600_001],
  ])("%s = %d is refused before anything is sent", async (key, value) => {
    const error = await refused({ [key]: value });
    expect(error).toBeInstanceOf(InvalidInputError);
    expect(error).toMatchObject({ field: key });
    expect(server.seen).toHaveLength(0);
  });

  it.each<[keyof MarkRewardsOptions, number]>([
    ["maxAttempts", 1],
    ["maxAttempts", 10],
    ["baseDelayMs", 60_000],
    ["maxDelayMs", 0],
    ["maxDelayMs", 600_000],
    ["totalTimeoutMs", 1],
    ["totalTimeoutMs", 3_600_000],
  ])("%s = %d is accepted", async (key, value) => {
    const { result } = await retried([], { [key]: value });
    expect(result).toMatchObject({ ok: true, attempts: 1 });
    expect(server.seen).toHaveLength(1);
  });

  it("maxAttempts 1 makes one attempt only", async () => {
    const { result } = await retried([status(503), status(503)], { maxAttempts: 1 });
    expect(result).toMatchObject({ ok: false, attempts: 1 });
    expect(server.seen).toHaveLength(1);
  });

  it("maxAttempts 2 retries once", async () => {
    const { result } = await retried([status(503), status(503)], {
      maxAttempts: 2,
      baseDelayMs: 0,
    });
    expect(result).toMatchObject({ ok: false, attempts: 2 });
    expect(server.seen).toHaveLength(2);
  });

  it("a random that is not a function is refused as `random`", async () => {
    const error = await refused({ random: 0.5 as unknown as () => number });
    expect(error).toBeInstanceOf(InvalidInputError);
    expect(error).toMatchObject({ field: "random" });
  });
});
