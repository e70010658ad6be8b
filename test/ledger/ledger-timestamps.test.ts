// A ledger's timestamps are the ISO time of each record to the millisecond: claims,
// sending marks and settlements made within one second (the common case: one pay) differ
// in their milliseconds only, across a second, a year and the year 10000 (where ISO
// strings grow a sign and two digits).
import { afterEach, describe, expect, it, vi } from "vitest";
import { memoryLedger } from "../../src/index.js";

afterEach(() => vi.useRealTimers());

const INSTANTS = [
  "2031-01-01T00:00:00.000Z",
  "2031-01-01T00:00:00.007Z",
  "2031-01-01T00:00:00.042Z",
  "2031-01-01T00:00:00.999Z",
  "2031-01-01T00:00:01.000Z",
  "2031-12-31T23:59:59.998Z",
  "2032-01-01T00:00:00.003Z",
  "+010000-01-01T00:00:00.005Z",
  "+010000-01-01T00:00:00.105Z",
];

describe("memory ledger timestamps", () => {
  it("claim, sending and settled each carry the instant they were made", async () => {
    vi.useFakeTimers({ toFake: ["Date"], now: Date.parse(INSTANTS[0] as string) });
    const ledger = memoryLedger();
    const seen: string[] = [];
    for (const [i, instant] of INSTANTS.entries()) {
      const id = `ts-${i}`;
      vi.setSystemTime(Date.parse(instant));
      await ledger.claim(id);
      await ledger.markSending(id, { noSnapshot: "none" });
      await ledger.settle(id, "accepted", "202");
      const entry = await ledger.get(id);
      seen.push(entry?.claim?.at ?? "", entry?.sending?.at ?? "", entry?.settled?.at ?? "");
    }
    expect(seen).toEqual(INSTANTS.flatMap((instant) => [instant, instant, instant]));
  });
});
