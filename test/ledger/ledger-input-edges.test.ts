// The ledger's own checks at their edges (the ledger checks again, since anyone may call
// it): the longest id, which characters a note may hold, how long it may be, and which
// state each step starts from. On the memory ledger, which shares these checks with the
// file and Postgres ledgers (pay-ledger.ts).
import { describe, expect, it } from "vitest";
import { InvalidInputError, memoryLedger } from "../../src/index.js";

const refused = async (promise: Promise<unknown>, field: string) => {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(InvalidInputError);
  expect(error).toMatchObject({ field });
};

describe("ledger input edges", () => {
  it("ids: 256 characters claimable; 257, tab and DEL refused", async () => {
    const ledger = memoryLedger();
    const id = "b".repeat(256);
    expect(await ledger.claim(id)).toMatchObject({ id, state: "in-flight" });
    for (const bad of ["b".repeat(257), "a\tb", "a\u007fb"]) await refused(ledger.claim(bad), "id");
  });

  it("a note: tab and newline allowed, other control characters not; at most 2000 characters", async () => {
    const ledger = memoryLedger();
    for (const [i, note] of ["checked\tby\nAda", "n".repeat(2000)].entries()) {
      await ledger.claim(`ok-${i}`);
      expect(await ledger.resolve(`ok-${i}`, "paid", note)).toMatchObject({
        state: "resolved",
        resolution: { verdict: "paid", note },
      });
    }
    await ledger.claim("bad");
    for (const note of ["", "   ", "n".repeat(2001), "bell\u0007", "esc\u001b[0m"])
      await refused(ledger.resolve("bad", "paid", note), "note");
    await refused(ledger.resolve("bad", "maybe" as never, "checked"), "verdict");
    expect(await ledger.get("bad")).toMatchObject({ state: "in-flight" });
  });

  it("each step from its own states only: no second settle, no second resolve", async () => {
    const ledger = memoryLedger();
    await ledger.claim("p1");
    await ledger.settle("p1", "unknown", "reset");
    await refused(ledger.settle("p1", "accepted", "202"), "id");
    await refused(ledger.markSending("p1", { noSnapshot: "x" }), "id");
    await ledger.resolve("p1", "partial", "two of three rows paid");
    await refused(ledger.resolve("p1", "paid", "again"), "id");
    expect(await ledger.get("p1")).toMatchObject({
      state: "resolved",
      resolution: { verdict: "partial" },
    });
  });

  it("a settle detail holding U+0000 is kept with U+FFFD in its place", async () => {
    const ledger = memoryLedger();
    await ledger.claim("p2");
    await ledger.settle("p2", "accepted", "202 ok\u0000tail");
    expect(await ledger.get("p2")).toMatchObject({
      state: "accepted",
      settled: { outcome: "accepted", detail: "202 ok\ufffdtail" },
    });
  });

  it("a set-up record needs a study and rows of strings", async () => {
    const ledger = memoryLedger();
    const row = { participantId: "p", amount: "1.00" };
    await refused(ledger.recordSetUp("s1", { studyId: "", rows: [row] }), "setUp.studyId");
    await refused(ledger.recordSetUp("s1", { studyId: "st", rows: [] }), "setUp.rows");
    await refused(
      ledger.recordSetUp("s1", {
        studyId: "st",
        rows: [{ participantId: "p", amount: 1 }],
      } as never),
      "setUp.rows[0]",
    );
    expect(await ledger.get("s1")).toBeUndefined();
  });
});
