// The retry policy of markRewards, exactly: which statuses are tried again, and how long
// each back-off is (exponential from baseDelayMs, capped at maxDelayMs, half fixed and
// half jitter). Against the fault server on the fake clock, so every wait is exact.
import { describe, expect, it } from "vitest";
import type { AttemptEvent, MarkRewardsOptions } from "../src/index.js";
import { useFakeClock } from "./fake-clock.js";
import { useFaultServer } from "./fault-server.js";
import { markThrough } from "./mark-through.js";

const server = useFaultServer();
useFakeClock();

async function schedule(statuses: number[], options: MarkRewardsOptions) {
  server.script(...statuses.map((status) => ({ kind: "status" as const, status })));
  const events: AttemptEvent[] = [];
  const { result, elapsedMs } = await markThrough(
    server,
    { token: "jwt.schedule" },
    { rewardIds: [499], state: "paid" },
    { ...options, onAttempt: (e) => events.push(e) },
  );
  return { result, elapsedMs, waits: events.map((e) => e.retryInMs), sent: server.seen.length };
}

describe("back-off", () => {
  it("doubles from baseDelayMs: half fixed, half scaled by random()", async () => {
    const { result, waits, elapsedMs, sent } = await schedule([503, 503, 503], {
      baseDelayMs: 100,
      random: () => 0.5,
    });
    expect(result).toMatchObject({ ok: true, attempts: 4 });
    expect(waits).toEqual([75, 150, 300, undefined]);
    expect(elapsedMs).toBe(525);
    expect(sent).toBe(4);
  });

  it("is capped at maxDelayMs, and random() 0 waits half of it", async () => {
    const { waits } = await schedule([503, 503, 503], {
      baseDelayMs: 100,
      maxDelayMs: 150,
      random: () => 0,
    });
    expect(waits).toEqual([50, 75, 75, undefined]);
  });

  it("stops after maxAttempts with the last error", async () => {
    const { result, waits, sent } = await schedule([500, 500, 500], {
      maxAttempts: 2,
      baseDelayMs: 10,
      random: () => 1,
    });
    expect(result).toMatchObject({ ok: false, attempts: 2, error: { status: 500 } });
    expect(waits).toEqual([10, undefined]);
    expect(sent).toBe(2);
  });
});

describe("what is tried again", () => {
  it.each([408, 429, 500, 502, 503, 504])("%i: tried again", async (status) => {
    const { result, sent } = await schedule([status], { baseDelayMs: 1 });
    expect(result).toMatchObject({ ok: true, attempts: 2 });
    expect(sent).toBe(2);
  });

  it.each([400, 401, 403, 404, 409, 422])("%i: not tried again", async (status) => {
    const { result, waits, sent } = await schedule([status], { baseDelayMs: 1 });
    expect(result).toMatchObject({ ok: false, attempts: 1, error: { status } });
    expect(waits).toEqual([undefined]);
    expect(sent).toBe(1);
  });
});
