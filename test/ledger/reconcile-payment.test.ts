// reconcilePayment against a stateful fake Prolific: each finding from what the
// submissions' bonus_payments show, a clock injected for the settle window, never a pay.
import { afterEach, describe, expect, it } from "vitest";
import {
  createBonusPayments,
  createProlificClient,
  InvalidInputError,
  memoryLedger,
  type PayLedger,
  payBonuses,
  reconcilePayment,
} from "../../src/index.js";
import { toMinorUnits } from "../../src/prolific/reconcile-payment.js";
import { type FakeProlific, type FakeProlificOptions, startFakeProlific } from "./fake-prolific.js";

const MINUTE = 60_000;
const servers: FakeProlific[] = [];
afterEach(async () => {
  for (const s of servers.splice(0)) {
    expect(s.errors).toEqual([]);
    await s.close();
  }
});

async function paid(options: Partial<FakeProlificOptions> = {}, participants = ["p1", "p2", "p3"]) {
  const server = await startFakeProlific({ participants, ...options });
  servers.push(server);
  const client = createProlificClient({ token: "reconcile-token-1", baseUrl: server.url });
  const ledger = memoryLedger();
  const made = await createBonusPayments(
    client,
    {
      studyId: server.studyId,
      bonuses: [
        { participantId: "p1", amount: "4.25" },
        { participantId: "sub-p2", amount: "0.35" }, // a submission id works too
      ],
    },
    { ledger },
  );
  if (!made.ok) throw made.error;
  return { server, client, ledger, id: made.payment.id };
}

/** A clock reading `minutes` after the pay was sent. */
async function at(ledger: PayLedger, id: string, minutes: number) {
  const sent = Date.parse((await ledger.get(id))!.sending!.at);
  return () => sent + minutes * MINUTE;
}

describe("reconcilePayment", () => {
  it("paid: each row's amount appeared once, in exact minor units", async () => {
    const { server, client, ledger, id } = await paid();
    server.bonuses("sub-p1")!.push(425); // an earlier, identical bonus: in the snapshot
    expect(await payBonuses(client, id, { ledger })).toMatchObject({ outcome: "accepted" });
    const pays = server.pays.length;
    const result = await reconcilePayment(client, { ledger, id });
    expect(result.finding).toBe("paid");
    expect(result.rows).toEqual([
      {
        participantId: "p1",
        amount: "4.25",
        minorUnits: 425,
        submissionIds: ["sub-p1"],
        appeared: 1,
      },
      {
        participantId: "sub-p2",
        amount: "0.35",
        minorUnits: 35,
        submissionIds: ["sub-p2"],
        appeared: 1,
      },
    ]);
    expect(server.pays).toHaveLength(pays); // reads only
    expect(server.reads.some((r) => r.includes("/pay/"))).toBe(false);
  });

  it("paid-twice: a second pay sent around the ledger shows up as an amount appearing twice", async () => {
    const { server, client, ledger, id } = await paid();
    await payBonuses(client, id, { ledger });
    await client.POST("/api/v1/bulk-bonus-payments/{id}/pay/", { params: { path: { id } } });
    expect(server.pays).toEqual([id, id]);
    const result = await reconcilePayment(client, { ledger, id });
    expect(result.finding).toBe("paid-twice");
    expect(result.rows.map((r) => r.appeared)).toEqual([2, 2]);
  });

  it("partial: one row landed, the other not, once the settle window is over", async () => {
    const { client, ledger, id } = await paid({ skipRows: ["sub-p2"] });
    await payBonuses(client, id, { ledger });
    const early = await reconcilePayment(client, {
      ledger,
      id,
      now: await at(ledger, id, 29),
      settleWindowMs: 30 * MINUTE,
    });
    expect(early).toMatchObject({
      finding: "still-unknown",
      reason: expect.stringMatching(/1 of 2 row\(s\) appeared so far/),
    });
    const late = await reconcilePayment(client, {
      ledger,
      id,
      now: await at(ledger, id, 30),
      settleWindowMs: 30 * MINUTE,
    });
    expect(late.finding).toBe("partial");
  });

  it("not-paid only after the window; still-unknown inside it", async () => {
    const { client, ledger, id } = await paid({ skipRows: ["p1", "sub-p2"] });
    const outcome = await payBonuses(client, id, { ledger });
    expect(outcome.outcome).toBe("accepted");
    expect(
      (await reconcilePayment(client, { ledger, id, now: await at(ledger, id, 5) })).finding,
    ).toBe("still-unknown");
    expect(
      (await reconcilePayment(client, { ledger, id, now: await at(ledger, id, 31) })).finding,
    ).toBe("not-paid");
    expect((await reconcilePayment(client, { ledger, id, settleWindowMs: 0 })).finding).toBe(
      "not-paid",
    );
  });

  it("still-unknown when a row matches no submission, or nothing was recorded to compare", async () => {
    const { client, ledger, id } = await paid({}, ["p1"]); // sub-p2 is not in the study
    await payBonuses(client, id, { ledger });
    const result = await reconcilePayment(client, { ledger, id });
    expect(result).toMatchObject({
      finding: "still-unknown",
      reason: expect.stringMatching(/matched no submission/),
    });

    const bare = memoryLedger();
    await payBonuses(client, "set-up-elsewhere", { ledger: bare });
    const blind = await reconcilePayment(client, { ledger: bare, id: "set-up-elsewhere" });
    expect(blind).toMatchObject({
      finding: "still-unknown",
      reason: expect.stringMatching(/no snapshot/),
    });
  });

  it("not-paid for certain when the id was never sent or was refused", async () => {
    const { client, ledger, id } = await paid();
    expect((await reconcilePayment(client, { ledger, id })).reason).toMatch(/never claimed/);
    await ledger.claim(id); // a process that died before marking the pay as sending
    expect(await reconcilePayment(client, { ledger, id })).toMatchObject({
      finding: "not-paid",
      reason: expect.stringMatching(/never left/),
    });
  });

  it("refuses an unknown id, a missing ledger and a bad window before reading", async () => {
    const { server, client, ledger } = await paid();
    await expect(reconcilePayment(client, { ledger, id: "nope" })).rejects.toThrow(/not in memory/);
    await expect(reconcilePayment(client, { id: "x" } as any)).rejects.toThrow(InvalidInputError);
    await expect(reconcilePayment(client, { ledger, id: "x", settleWindowMs: -1 })).rejects.toThrow(
      /settleWindowMs/,
    );
    await expect(reconcilePayment(client, { ledger, id: "x", pay: true } as any)).rejects.toThrow(
      /options.pay/,
    );
    expect(server.reads).toEqual([]);
  });

  it("refuses a clock that does not give a number (a wrong clock could end the window early)", async () => {
    const { client, ledger, id } = await paid();
    await payBonuses(client, id, { ledger });
    for (const now of [async () => 1, () => Number.NaN, "soon"])
      await expect(reconcilePayment(client, { ledger, id, now } as any)).rejects.toThrow(
        /options.now/,
      );
  });

  it("reports progress while reading many submissions, across pages", async () => {
    const participants = Array.from({ length: 450 }, (_, i) => `q${i}`);
    const server = await startFakeProlific({ participants });
    servers.push(server);
    const client = createProlificClient({ token: "reconcile-token-1", baseUrl: server.url });
    const ledger = memoryLedger();
    const bonuses = participants.slice(-30).map((p) => ({ participantId: p, amount: "1.10" }));
    const made = await createBonusPayments(
      client,
      { studyId: server.studyId, bonuses },
      { ledger },
    );
    if (!made.ok) throw made.error;
    await payBonuses(client, made.payment.id, { ledger });
    expect(server.reads.filter((r) => r.includes("/studies/"))).toHaveLength(3); // 200 + 200 + 50
    const progress: number[] = [];
    const result = await reconcilePayment(client, {
      ledger,
      id: made.payment.id,
      onProgress: ({ read, total }) => progress.push(read / total),
    });
    expect(result.finding).toBe("paid");
    expect(progress).toHaveLength(30);
    expect(progress.at(-1)).toBe(1);
  });
});

const CAVEAT =
  "bonus amounts are not linked to a bulk payment: another bonus of the same amount to the " +
  "same submission since the snapshot would look the same";

describe("reconcilePayment's reasons, word for word (an operator acts on them)", () => {
  it("paid, paid-twice and the settle window's end, with the time it ends", async () => {
    const { server, client, ledger, id } = await paid();
    await payBonuses(client, id, { ledger });
    server.bonuses("sub-p1")!.push(999); // another bonus since, of another amount: not this pay
    const once = await reconcilePayment(client, { ledger, id });
    expect(once.reason).toBe(`each of the 2 row(s) appeared once (${CAVEAT})`);
    expect(once.rows.map((r) => r.appeared)).toEqual([1, 1]);
    server.bonuses("sub-p1")!.push(425); // p1's amount again: paid twice, p2 still once
    const twice = await reconcilePayment(client, { ledger, id });
    expect(twice).toMatchObject({
      finding: "paid-twice",
      reason: `an amount appeared more than once: paid twice (${CAVEAT})`,
    });
    expect(twice.rows.map((r) => r.appeared)).toEqual([2, 1]);
  });

  it("inside and after the window: the reason names the counts and when the window ends", async () => {
    const { client, ledger, id } = await paid({ skipRows: ["sub-p2"] });
    await payBonuses(client, id, { ledger });
    const sentAt = Date.parse((await ledger.get(id))!.sending!.at);
    const until = new Date(sentAt + 10 * MINUTE).toISOString();
    const settleWindowMs = 10 * MINUTE;
    const early = await reconcilePayment(client, {
      ledger,
      id,
      settleWindowMs,
      now: await at(ledger, id, 9),
    });
    expect(early.reason).toBe(
      `1 of 2 row(s) appeared so far; a pay may still land until ${until}: reconcile again then`,
    );
    const late = { ledger, id, settleWindowMs, now: await at(ledger, id, 10) };
    expect((await reconcilePayment(client, late)).reason).toBe(
      "1 of 2 row(s) appeared within the settle window",
    );
    const none = await paid({ skipRows: ["p1", "sub-p2"] });
    await payBonuses(none.client, none.id, { ledger: none.ledger });
    const sentNone = Date.parse((await none.ledger.get(none.id))!.sending!.at);
    const nothing = await reconcilePayment(none.client, {
      ledger: none.ledger,
      id: none.id,
      settleWindowMs,
      now: await at(none.ledger, none.id, 11),
    });
    expect(nothing.reason).toBe(
      `nothing appeared within the settle window (until ${new Date(sentNone + settleWindowMs).toISOString()})`,
    );
  });

  it("the answers given from the ledger alone carry no rows and read nothing", async () => {
    const { server, client, ledger, id } = await paid({ payStatus: 400 });
    const never = await reconcilePayment(client, { ledger, id });
    expect(never).toMatchObject({ reason: "never claimed: no pay was sent", rows: [] });
    expect((await payBonuses(client, id, { ledger })).outcome).toBe("rejected");
    const readsForSnapshot = [...server.reads]; // taken before the pay; reconcile reads none
    const refused = await reconcilePayment(client, { ledger, id });
    const detail = (await ledger.get(id))!.settled!.detail;
    expect(detail).toMatch(/400/);
    expect(refused).toMatchObject({
      finding: "not-paid",
      reason: `the pay was refused, nothing paid (${detail})`,
      rows: [],
    });
    const other = await paid();
    const bare = memoryLedger();
    await payBonuses(other.client, "set-up-elsewhere", { ledger: bare });
    const blind = await reconcilePayment(other.client, { ledger: bare, id: "set-up-elsewhere" });
    expect(blind.reason).toMatch(
      /^no snapshot was taken \(.+\); check the workspace balance and the participants' bonuses by hand$/,
    );
    expect(blind.rows).toEqual([]);
    expect(other.server.reads).toEqual([]); // paid without a set-up here: no snapshot read
    expect(server.reads).toEqual(readsForSnapshot);
  });

  it("refuses a missing ledger naming the field, and an unknown id naming the ledger", async () => {
    const { client, ledger } = await paid();
    await expect(reconcilePayment(client, { id: "x" } as any)).rejects.toMatchObject({
      field: "options.ledger",
    });
    await expect(reconcilePayment(client, { ledger, id: "nope" })).rejects.toMatchObject({
      field: "id",
    });
  });
});

describe("toMinorUnits: an amount string to bonus_payments' minor units, exactly", () => {
  it.each([
    ["4.25", 425],
    ["4", 400],
    ["4.5", 450],
    ["0.05", 5],
    ["10.10", 1010],
    ["0.125", 12.5],
    ["1.005", 100.5],
    ["3.", 300],
  ])("%s → %s", (amount, minor) => {
    expect(toMinorUnits(amount)).toBe(minor);
  });
});
