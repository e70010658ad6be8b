// What every PayLedger store must do, run against each store (memory, file, postgres).
import { hostname } from "node:os";
import { describe, expect, it } from "vitest";
import { DuplicatePayError, InvalidInputError } from "../../src/index.js";
import type { PayLedger } from "../../src/ledger/index.js";

const SET_UP = { studyId: "study-1", rows: [{ participantId: "p1", amount: "4.25" }] };
let n = 0;
const freshId = () => `pay-${process.pid}-${++n}-${Math.random().toString(36).slice(2, 8)}`;

/**
 * `ledger()` gives a handle on the store under test; `handles` says whether each call
 * gives a separate handle on the same data (as separate processes would have).
 */
export function ledgerSuite(name: string, ledger: () => PayLedger, handles = false) {
  describe(`${name} ledger`, () => {
    it("a claim is refused while in flight, saying when, where and in which state", async () => {
      const id = freshId();
      const first = await ledger().claim(id);
      expect(first).toMatchObject({ id, state: "in-flight", attempt: 1 });
      expect(first.claim).toMatchObject({ host: hostname(), pid: process.pid });
      const error = await ledger()
        .claim(id)
        .catch((e) => e);
      expect(error).toBeInstanceOf(DuplicatePayError);
      expect(error).toMatchObject({
        id,
        previous: "in-flight",
        claim: { claimedAt: first.claim!.at, host: hostname(), pid: process.pid },
      });
      expect(error.claim.ledger).toBe(ledger().location);
      expect(error.message).toContain(`host ${JSON.stringify(hostname())}, process ${process.pid}`);
      expect(error.message).toContain(first.claim!.at);
    });

    it("accepted and unknown stay refused; rejected frees the id for attempt 2", async () => {
      const [a, u, r] = [freshId(), freshId(), freshId()];
      for (const id of [a, u, r]) await ledger().claim(id);
      await ledger().settle(a, "accepted", "202");
      await ledger().settle(u, "unknown", "TimeoutError: no answer");
      await ledger().settle(r, "rejected", "400");
      await expect(ledger().claim(a)).rejects.toMatchObject({ previous: "accepted" });
      await expect(ledger().claim(u)).rejects.toMatchObject({ previous: "unknown" });
      expect(await ledger().claim(r)).toMatchObject({ state: "in-flight", attempt: 2 });
      const entry = await ledger().get(r);
      expect(entry?.history?.map((h) => [h.attempt, h.state])).toEqual([[1, "rejected"]]);
      expect(entry?.history?.[0]?.settled).toMatchObject({ outcome: "rejected", detail: "400" });
    });

    it("settles whatever text the answer held, a NUL character too", async () => {
      // An answer's message ends up in the detail; PostgreSQL's jsonb cannot hold U+0000,
      // and a settle that fails would leave an accepted pay listed as in flight.
      const id = freshId();
      await ledger().claim(id);
      await ledger().settle(id, "accepted", "202 paid\u0000 \u0007done");
      const entry = await ledger().get(id);
      expect(entry).toMatchObject({ state: "accepted" });
      expect(entry?.settled?.detail).toBe("202 paid\ufffd \u0007done");
    });

    it("only resolve frees an unknown id, and only as not-paid", async () => {
      const [paid, notPaid] = [freshId(), freshId()];
      for (const id of [paid, notPaid]) {
        await ledger().claim(id);
        await ledger().settle(id, "unknown", "reset");
      }
      const resolved = await ledger().resolve(paid, "paid", "bonus_payments show 425 once");
      expect(resolved).toMatchObject({
        state: "resolved",
        resolution: { verdict: "paid", note: "bonus_payments show 425 once", host: hostname() },
      });
      const error = await ledger()
        .claim(paid)
        .catch((e) => e);
      expect(error).toMatchObject({ previous: "resolved", claim: { verdict: "paid" } });
      expect(error.message).toContain("resolved as paid");
      await ledger().resolve(notPaid, "not-paid", "nothing appeared in 2 h");
      expect(await ledger().claim(notPaid)).toMatchObject({ attempt: 2, state: "in-flight" });
    });

    it("refuses a bad verdict, an empty note, and resolving what was never claimed", async () => {
      const id = freshId();
      await ledger().recordSetUp(id, SET_UP);
      await expect(ledger().resolve(id, "paid", "x")).rejects.toThrow(/no claim|set-up/);
      await ledger().claim(id);
      await expect(ledger().resolve(id, "maybe" as any, "x")).rejects.toThrow(InvalidInputError);
      await expect(ledger().resolve(id, "paid", "  ")).rejects.toThrow(/note/);
      await expect(ledger().resolve(id, "paid", "a\u001b[2Jb")).rejects.toThrow(/control/);
      await ledger().settle(id, "rejected", "400");
      await expect(ledger().resolve(id, "paid", "x")).rejects.toThrow(/rejected/);
    });

    it("keeps the set-up rows and the snapshot written before sending", async () => {
      const id = freshId();
      await ledger().recordSetUp(id, SET_UP);
      expect(await ledger().get(id)).toMatchObject({ state: "set-up", setUp: SET_UP });
      const claimed = await ledger().claim(id);
      expect(claimed).toMatchObject({
        attempt: 1,
        setUp: { ...SET_UP, recordedAt: expect.any(String) },
      });
      const snapshot = {
        takenAt: new Date().toISOString(),
        submissions: { s1: { participantId: "p1", bonusPayments: [100] } },
        rowSubmissions: { p1: ["s1"] },
      };
      await ledger().markSending(id, { snapshot });
      expect((await ledger().get(id))?.sending).toMatchObject({ snapshot });
    });

    it("lists open entries (in flight, unknown) oldest first, nothing else", async () => {
      const ids = [freshId(), freshId(), freshId(), freshId()];
      await ledger().recordSetUp(ids[0]!, SET_UP);
      for (const id of ids.slice(1)) await ledger().claim(id);
      await ledger().settle(ids[2]!, "unknown", "503");
      await ledger().settle(ids[3]!, "accepted", "202");
      const open = (await ledger().listOpen()).filter((e) => ids.includes(e.id));
      expect(open.map((e) => [e.id, e.state])).toEqual([
        [ids[1], "in-flight"],
        [ids[2], "unknown"],
      ]);
    });

    it("of 8 claims at once in one process, exactly one wins", async () => {
      const id = freshId();
      const results = await Promise.allSettled(Array.from({ length: 8 }, () => ledger().claim(id)));
      expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
      for (const r of results.filter((r) => r.status === "rejected"))
        expect((r as PromiseRejectedResult).reason).toBeInstanceOf(DuplicatePayError);
    });

    it("an accepted pay cannot be resolved as not-paid", async () => {
      const id = freshId();
      await ledger().claim(id);
      await ledger().settle(id, "accepted", "202");
      await expect(ledger().resolve(id, "not-paid", "x")).rejects.toThrow(/accepted .* not-paid/);
      await expect(ledger().resolve(id, "not-paid", "x")).rejects.toMatchObject({
        field: "verdict",
      });
      expect(await ledger().resolve(id, "paid", "checked")).toMatchObject({ state: "resolved" });
    });

    it.runIf(handles)("a handle settles only the attempt it claimed", async () => {
      const id = freshId();
      const first = ledger();
      await first.claim(id);
      await ledger().resolve(id, "not-paid", "operator: that process is gone");
      const second = ledger();
      expect(await second.claim(id)).toMatchObject({ attempt: 2 });
      await expect(first.settle(id, "accepted", "202")).rejects.toThrow(/claimed attempt 1/);
      await expect(first.markSending(id, { noSnapshot: "x" })).rejects.toThrow(/claimed attempt 1/);
      await second.settle(id, "unknown", "reset");
      expect(await ledger().get(id)).toMatchObject({ attempt: 2, state: "unknown" });
    });

    it("refuses ids no pay could have", async () => {
      for (const bad of ["", " ", "a\nb", "x".repeat(257), 42])
        await expect(ledger().claim(bad as any)).rejects.toThrow(InvalidInputError);
    });
  });
}
