// The ledger's rules at their edges, run against each store (memory, file, postgres): which
// transitions each state allows, every verdict, the note's and the id's limits, the set-up
// record's checks, what a duplicate claim says, and the open list's order by claim time.
// Found by the mutation run (npm run test:mutation): each case fails if a rule is loosened.
import { describe, expect, it, vi } from "vitest";
import { DuplicatePayError, InvalidInputError } from "../../src/index.js";
import { type PayLedger, VERDICTS } from "../../src/ledger/index.js";

const SET_UP = { studyId: "study-r", rows: [{ participantId: "p1", amount: "1.00" }] };
let n = 0;
const freshId = () => `rule-${process.pid}-${++n}-${Math.random().toString(36).slice(2, 8)}`;

/** What `promise` rejected with (fails the test if it resolved). */
async function refusal(promise: Promise<unknown>): Promise<Error & Record<string, unknown>> {
  const outcome = await promise.then(
    (value) => ({ value }),
    (error: unknown) => ({ error }),
  );
  if (!("error" in outcome)) throw new Error(`expected a refusal, got ${JSON.stringify(outcome)}`);
  return outcome.error as Error & Record<string, unknown>;
}

export function ledgerRulesSuite(name: string, ledger: () => PayLedger) {
  describe(`${name} ledger: rules at their edges`, () => {
    /** A claimed id settled (or not) as given. */
    async function claimed(outcome?: "accepted" | "unknown" | "rejected") {
      const id = freshId();
      await ledger().claim(id);
      if (outcome) await ledger().settle(id, outcome, `settled ${outcome}`);
      return id;
    }

    it("an id never seen reads as undefined", async () => {
      expect(await ledger().get(freshId())).toBeUndefined();
    });

    it("a settled id can be neither settled again nor marked as sending", async () => {
      for (const outcome of ["accepted", "unknown", "rejected"] as const) {
        const id = await claimed(outcome);
        const again = await refusal(ledger().settle(id, "accepted", "again"));
        expect(again).toBeInstanceOf(InvalidInputError);
        expect(again).toMatchObject({ field: "id" });
        expect(again.message).toContain(`is ${outcome} in the ledger and cannot be settled`);
        const sending = await refusal(ledger().markSending(id, { noSnapshot: "late" }));
        expect(sending.message).toContain("cannot be marked as sending");
        expect(await ledger().get(id)).toMatchObject({
          state: outcome,
          settled: { outcome, detail: `settled ${outcome}` },
        });
        expect((await ledger().get(id))?.sending).toBeUndefined();
      }
    });

    it("resolve takes in-flight, accepted and unknown; not rejected or resolved", async () => {
      const inFlight = await claimed();
      expect(await ledger().resolve(inFlight, "paid", "seen on Prolific")).toMatchObject({
        id: inFlight,
        state: "resolved",
        attempt: 1,
        resolution: { verdict: "paid", note: "seen on Prolific", pid: process.pid },
      });
      const again = await refusal(ledger().resolve(inFlight, "paid", "twice"));
      expect(again).toMatchObject({ field: "id" });
      expect(again.message).toContain("is resolved in the ledger and cannot be resolved");
      const rejected = await claimed("rejected");
      expect((await refusal(ledger().resolve(rejected, "paid", "x"))).message).toContain(
        "is rejected in the ledger",
      );
      expect(
        await ledger().resolve(await claimed("accepted"), "paid-twice", "two rows"),
      ).toMatchObject({
        state: "resolved",
        resolution: { verdict: "paid-twice" },
      });
    });

    it("each verdict but not-paid keeps the id refused, naming the verdict", async () => {
      for (const verdict of VERDICTS) {
        const id = await claimed("unknown");
        await ledger().resolve(id, verdict, `operator says ${verdict}`);
        const entry = await ledger().get(id);
        expect(entry?.resolution).toMatchObject({ verdict, note: `operator says ${verdict}` });
        if (verdict === "not-paid") {
          expect(await ledger().claim(id)).toMatchObject({ attempt: 2, state: "in-flight" });
          continue;
        }
        const duplicate = await refusal(ledger().claim(id));
        expect(duplicate).toBeInstanceOf(DuplicatePayError);
        expect(duplicate).toMatchObject({ previous: "resolved", claim: { verdict } });
      }
    });

    it("markSending, settle and resolve need a claim, and check the id first", async () => {
      const never = freshId();
      // Started one at a time: a refusal left unawaited would be an unhandled rejection.
      const transitions = (id: string) => [
        () => ledger().markSending(id, { noSnapshot: "x" }),
        () => ledger().settle(id, "accepted", "202"),
        () => ledger().resolve(id, "paid", "checked"),
      ];
      for (const attempt of transitions(never)) {
        const error = await refusal(attempt());
        expect(error).not.toBeInstanceOf(TypeError);
        expect(error.message).toMatch(/^no (ledger entry|claim) for "rule-/);
      }
      for (const attempt of transitions("a\nb")) {
        const error = await refusal(attempt());
        expect(error).toBeInstanceOf(InvalidInputError);
        expect(error).toMatchObject({ field: "id" });
      }
      expect(await ledger().get(never)).toBeUndefined();
    });

    it("set-up rows recorded after the claim leave the claim as it is", async () => {
      const id = await claimed();
      await ledger().recordSetUp(id, SET_UP);
      expect(await ledger().get(id)).toMatchObject({ id, state: "in-flight", attempt: 1 });
      await ledger().settle(id, "accepted", "202");
      expect(await ledger().get(id)).toMatchObject({ state: "accepted", attempt: 1 });
    });

    it("the third attempt's history holds both earlier ones, oldest first", async () => {
      const id = await claimed("rejected");
      await ledger().claim(id);
      await ledger().settle(id, "unknown", "reset");
      await ledger().resolve(id, "not-paid", "nothing landed");
      expect(await ledger().claim(id)).toMatchObject({ attempt: 3 });
      const entry = await ledger().get(id);
      expect(entry?.history?.map((h) => [h.attempt, h.state])).toEqual([
        [1, "rejected"],
        [2, "resolved"],
      ]);
    });

    it("a duplicate of an unresolved claim carries no verdict", async () => {
      const duplicate = await refusal(ledger().claim(await claimed("unknown")));
      expect(duplicate).toMatchObject({ previous: "unknown" });
      expect(duplicate.claim).not.toHaveProperty("verdict");
    });

    it("the note: up to 2000 characters, tabs and newlines allowed, other controls refused", async () => {
      const ok = "n".repeat(1999);
      expect(await ledger().resolve(await claimed("unknown"), "paid", `${ok}\n`)).toMatchObject({
        resolution: { note: `${ok}\n` },
      });
      expect(await ledger().resolve(await claimed("unknown"), "paid", "a\tb")).toMatchObject({
        state: "resolved",
      });
      const id = await claimed("unknown");
      const refusedNotes: Array<[unknown, string]> = [
        ["n".repeat(2001), "longer than 2000"],
        [undefined, "must say why"],
        [42, "must say why"],
        ["", "must say why"],
        ...["\u0000", "\u0008", "\u000b", "\u000c", "\u001f", "\u007f"].map(
          (c): [string, string] => [`a${c}b`, "control characters"],
        ),
      ];
      for (const [note, problem] of refusedNotes) {
        const error = await refusal(ledger().resolve(id, "paid", note as string));
        expect(error).toBeInstanceOf(InvalidInputError);
        expect(error).toMatchObject({ field: "note" });
        expect(error.message).toContain(problem);
      }
      const verdict = await refusal(ledger().resolve(id, "Paid" as never, "x"));
      expect(verdict).toMatchObject({ field: "verdict" });
      expect(verdict.message).toContain("must be one of paid, paid-twice, partial, not-paid");
      expect(await ledger().get(id)).toMatchObject({ state: "unknown" });
    });

    it("ids: 256 printable characters are taken, spaces inside too; controls are not", async () => {
      const long = `L${freshId()}`.padEnd(256, "x");
      expect(await ledger().claim(long)).toMatchObject({ id: long, attempt: 1 });
      expect(await ledger().get(long)).toMatchObject({ id: long, state: "in-flight" });
      const spaced = ` ${freshId()} with spaces `;
      expect(await ledger().claim(spaced)).toMatchObject({ id: spaced });
      for (const bad of [`${long}y`, "a\u007fb", "a\u001fb", "a\tb", "\u0000"]) {
        const error = await refusal(ledger().claim(bad));
        expect(error).toBeInstanceOf(InvalidInputError);
        expect(error).toMatchObject({ field: "id" });
        await expect(ledger().get(bad)).rejects.toThrow(InvalidInputError);
      }
    });

    it("set-up records are checked, field by field", async () => {
      const id = freshId();
      const cases: Array<[unknown, string]> = [
        [null, "setUp"],
        [{ ...SET_UP, studyId: "" }, "setUp.studyId"],
        [{ ...SET_UP, studyId: 7 }, "setUp.studyId"],
        [{ ...SET_UP, rows: [] }, "setUp.rows"],
        [{ ...SET_UP, rows: "p1,1.00" }, "setUp.rows"],
        [{ ...SET_UP, rows: [{ participantId: "p1", amount: 1 }] }, "setUp.rows[0]"],
        [{ ...SET_UP, rows: [{ participantId: 1, amount: "1.00" }] }, "setUp.rows[0]"],
        [{ ...SET_UP, rows: [SET_UP.rows[0], { participantId: "p2" }] }, "setUp.rows[1]"],
        [{ ...SET_UP, note: "extra" }, "setUp.note"],
      ];
      for (const [setUp, field] of cases) {
        const error = await refusal(ledger().recordSetUp(id, setUp as never));
        expect(error).toBeInstanceOf(InvalidInputError);
        expect(error).toMatchObject({ field });
        if (setUp && (setUp as { rows?: unknown }).rows === "p1,1.00")
          expect(error.message).toContain("must be an array of { participantId, amount }");
      }
      expect(await ledger().get(id)).toBeUndefined();
      await expect(ledger().recordSetUp("a\nb", SET_UP)).rejects.toThrow(InvalidInputError);
    });

    it("a claim over set-up rows is attempt 1 and keeps them; a later attempt keeps them too", async () => {
      const id = freshId();
      await ledger().recordSetUp(id, SET_UP);
      const first = await ledger().claim(id);
      expect(first).toMatchObject({ attempt: 1, state: "in-flight", setUp: SET_UP });
      expect(first.history).toBeUndefined();
      expect((await ledger().get(id))?.history).toBeUndefined();
      await ledger().settle(id, "rejected", "400");
      expect(await ledger().claim(id)).toMatchObject({ attempt: 2, setUp: SET_UP });
      const entry = await ledger().get(id);
      expect(entry).toMatchObject({ attempt: 2, state: "in-flight", setUp: SET_UP });
      expect(entry?.history?.map((h) => [h.attempt, h.state])).toEqual([[1, "rejected"]]);
    });

    it("a claim without set-up rows holds none", async () => {
      const entry = await ledger().claim(freshId());
      expect(entry).not.toHaveProperty("setUp");
    });

    it("marks sending with a reason when there is no snapshot", async () => {
      const id = await claimed();
      await ledger().markSending(id, { noSnapshot: "payAgain" });
      const entry = await ledger().get(id);
      expect(entry?.sending).toMatchObject({ noSnapshot: "payAgain", at: expect.any(String) });
      expect(entry?.state).toBe("in-flight");
    });

    it("lists open entries by claim time, not by when the id was first seen", async () => {
      const [late, early] = [freshId(), freshId()];
      // `late` is known first (its set-up rows), but claimed a second after `early`.
      await ledger().recordSetUp(late, SET_UP);
      vi.useFakeTimers({ toFake: ["Date"], now: Date.parse("2031-01-01T00:00:00.000Z") });
      try {
        await ledger().claim(early);
        vi.setSystemTime(Date.parse("2031-01-01T00:00:01.000Z"));
        await ledger().claim(late);
      } finally {
        vi.useRealTimers();
      }
      const open = (await ledger().listOpen()).filter((e) => e.id === late || e.id === early);
      expect(open.map((e) => [e.id, e.claim?.at])).toEqual([
        [early, "2031-01-01T00:00:00.000Z"],
        [late, "2031-01-01T00:00:01.000Z"],
      ]);
    });
  });
}
