// Class 8: markRewards' own total cap and the caller's abort are told apart by which
// signal fired, not by the clock. Timers are faked and the clock is not, so the cap's
// timer fires while Date.now() is still far from the deadline: a clock-based check
// would call the cap "aborted by the caller".
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import {
  AbortedError,
  createProlificClient,
  createRewardsClient,
  markRewards,
  payBonuses,
  TimeoutError,
} from "../src/index.js";
import { useHostileServer } from "./hostile-server.js";

const server = useHostileServer();
const client = () =>
  createRewardsClient({ token: "jwt.deadline", baseUrl: server.url, timeoutMs: 600_000 });
const INPUT = { rewardIds: [499], state: "paid" as const };

beforeEach(() => {
  server.otherwise(() => ({ status: 0, hang: true }));
  vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout"] });
});
afterEach(() => vi.useRealTimers());

/** Real-time polling (setImmediate is not faked) until the server has seen `n` requests. */
async function untilSeen(n: number) {
  while (server.seen.length < n) await new Promise((resolve) => setImmediate(resolve));
}

describe("markRewards", () => {
  it("its own cap firing is a TimeoutError, whatever the clock says", async () => {
    const result = markRewards(client(), INPUT, { totalTimeoutMs: 10_000, maxAttempts: 1 });
    await untilSeen(1);
    vi.advanceTimersByTime(10_000); // the cap's timer; Date.now() has barely moved
    const settled = await result;
    expect(settled.ok || settled.error).toBeInstanceOf(TimeoutError);
    expect(server.seen).toHaveLength(1);
  });

  it("the cap firing during back-off is a TimeoutError too", async () => {
    server.script({ status: 503, body: "" });
    let backingOff = false;
    const result = markRewards(client(), INPUT, {
      totalTimeoutMs: 10_000,
      baseDelayMs: 4000,
      maxDelayMs: 4000,
      random: () => 0.99,
      onAttempt: (event) => {
        backingOff = event.retryInMs !== undefined;
      },
    });
    while (!backingOff) await new Promise((resolve) => setImmediate(resolve));
    vi.advanceTimersByTime(10_000); // the cap fires during the ~4 s back-off
    const settled = await result;
    expect(settled.ok || settled.error).toBeInstanceOf(TimeoutError);
  });

  it("the caller's abort is an AbortedError, even when the clock has passed the cap", async () => {
    const controller = new AbortController();
    const result = markRewards(client(), INPUT, { totalTimeoutMs: 1, signal: controller.signal });
    await untilSeen(1);
    const realNow = Date.now();
    vi.spyOn(Date, "now").mockReturnValue(realNow + 60_000);
    controller.abort();
    const settled = await result;
    vi.restoreAllMocks();
    expect(settled.ok || settled.error).toBeInstanceOf(AbortedError);
    expect(server.seen).toHaveLength(1);
  });
});

describe("payBonuses", () => {
  it("its own timeout is a TimeoutError and the caller's abort an AbortedError; both unknown", async () => {
    const prolific = createProlificClient({
      token: "deadline-token",
      baseUrl: server.url,
      timeoutMs: 10_000,
    });
    const timedOut = payBonuses(prolific, "id-1", { signal: new AbortController().signal });
    await untilSeen(1);
    vi.advanceTimersByTime(10_000);
    expect(await timedOut).toMatchObject({ outcome: "unknown", error: expect.any(TimeoutError) });

    const controller = new AbortController();
    const aborted = payBonuses(prolific, "id-2", { signal: controller.signal });
    await untilSeen(2);
    controller.abort(new DOMException("caller's own timeout", "TimeoutError"));
    expect(await aborted).toMatchObject({ outcome: "unknown", error: expect.any(AbortedError) });
  });
});
