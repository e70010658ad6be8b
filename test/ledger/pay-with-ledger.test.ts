// payBonuses(client, id, { ledger }): claim before sending, snapshot before the pay,
// settle after; what the server saw is checked in every case.
import { afterEach, describe, expect, it } from "vitest";
import {
  AbortedError,
  createBonusPayments,
  createProlificClient,
  DuplicatePayError,
  memoryLedger,
  payBonuses,
  ServerError,
} from "../../src/index.js";
import { type FakeProlific, type FakeProlificOptions, startFakeProlific } from "./fake-prolific.js";

const servers: FakeProlific[] = [];
afterEach(async () => {
  for (const s of servers.splice(0)) {
    expect(s.errors).toEqual([]);
    await s.close();
  }
});

async function setUp(options: Partial<FakeProlificOptions> = {}) {
  const server = await startFakeProlific({ participants: ["p1", "p2"], ...options });
  servers.push(server);
  const client = createProlificClient({ token: "ledger-token-1", baseUrl: server.url });
  const ledger = memoryLedger();
  const made = await createBonusPayments(
    client,
    { studyId: server.studyId, bonuses: [{ participantId: "p1", amount: "2.00" }] },
    { ledger },
  );
  if (!made.ok) throw made.error;
  return { server, client, ledger, id: made.payment.id };
}

describe("payBonuses with a ledger", () => {
  it("records the set-up rows, snapshots bonus_payments before the pay, settles after", async () => {
    const { server, client, ledger, id } = await setUp();
    server.bonuses("sub-p1")!.push(100);
    expect(await ledger.get(id)).toMatchObject({
      state: "set-up",
      setUp: { studyId: "study-1", rows: [{ participantId: "p1", amount: "2.00" }] },
    });
    expect(await payBonuses(client, id, { ledger })).toMatchObject({ outcome: "accepted", id });
    const entry = await ledger.get(id);
    expect(entry).toMatchObject({
      state: "accepted",
      sending: {
        snapshot: {
          submissions: { "sub-p1": { participantId: "p1", bonusPayments: [100] } },
          rowSubmissions: { p1: ["sub-p1"] },
        },
      },
      settled: { outcome: "accepted", detail: expect.stringMatching(/^202 Bulk bonus payment/) },
    });
    expect(server.bonuses("sub-p1")).toEqual([100, 200]);
    expect(server.pays).toEqual([id]);
    await expect(payBonuses(client, id, { ledger })).rejects.toThrow(DuplicatePayError);
    // A second client sharing the ledger is refused as well: the guard is the ledger's.
    const other = createProlificClient({ token: "ledger-token-2", baseUrl: server.url });
    await expect(payBonuses(other, id, { ledger })).rejects.toMatchObject({ previous: "accepted" });
    expect(server.pays).toEqual([id]);
  });

  it("a 4xx (nothing paid) frees the id; a 5xx leaves it unknown and refused", async () => {
    const refused = await setUp({ payStatus: 400 });
    const first = await payBonuses(refused.client, refused.id, { ledger: refused.ledger });
    expect(first.outcome).toBe("rejected");
    expect(await refused.ledger.get(refused.id)).toMatchObject({ state: "rejected" });
    expect((await payBonuses(refused.client, refused.id, { ledger: refused.ledger })).outcome).toBe(
      "rejected",
    );
    expect(refused.server.pays).toHaveLength(2);

    const failing = await setUp({ payStatus: 503 });
    const outcome = await payBonuses(failing.client, failing.id, { ledger: failing.ledger });
    expect(outcome.outcome).toBe("unknown");
    expect(await failing.ledger.get(failing.id)).toMatchObject({
      state: "unknown",
      settled: { detail: expect.stringMatching(/^ServerError/) },
    });
    await expect(
      payBonuses(failing.client, failing.id, { ledger: failing.ledger }),
    ).rejects.toThrow(DuplicatePayError);
    expect(failing.server.pays).toHaveLength(1);
  });

  it("anything the pay throws is an unknown outcome, settled as such, and the id stays refused", async () => {
    const { server, ledger, id } = await setUp();
    // Reads go through; the pay's fetch throws a value that is not even an Error.
    const fetch = async (request: Request) => {
      if (request.url.endsWith("/pay/")) throw "a string, thrown";
      return globalThis.fetch(request);
    };
    const client = createProlificClient({ token: "ledger-token-1", baseUrl: server.url, fetch });
    const outcome = await payBonuses(client, id, { ledger });
    expect(outcome.outcome).toBe("unknown");
    expect(await ledger.get(id)).toMatchObject({
      state: "unknown",
      sending: { snapshot: expect.any(Object) },
    });
    await expect(payBonuses(client, id, { ledger })).rejects.toThrow(DuplicatePayError);
    expect(server.pays).toEqual([]);
  });

  it("when the snapshot cannot be read, nothing is sent and the id stays free", async () => {
    const { server, client, ledger, id } = await setUp({ failList: true });
    await expect(payBonuses(client, id, { ledger })).rejects.toThrow(ServerError);
    expect(server.pays).toEqual([]);
    expect(await ledger.get(id)).toMatchObject({
      state: "rejected",
      settled: { detail: expect.stringMatching(/^not sent: ServerError/) },
    });
  });

  it("an abort before sending claims nothing or frees the claim; nothing is sent", async () => {
    const { server, client, ledger, id } = await setUp();
    await expect(payBonuses(client, id, { ledger, signal: AbortSignal.abort() })).rejects.toThrow(
      AbortedError,
    );
    expect(await ledger.get(id)).toMatchObject({ state: "set-up" });
    const controller = new AbortController();
    const aborting = {
      ...ledger,
      claim: async (i: string) => {
        const entry = await ledger.claim(i);
        controller.abort(); // while the snapshot is being read
        return entry;
      },
    };
    await expect(
      payBonuses(client, id, { ledger: aborting, signal: controller.signal }),
    ).rejects.toThrow(AbortedError);
    expect(await ledger.get(id)).toMatchObject({ state: "rejected" });
    expect(server.pays).toEqual([]);
  });

  it("refuses payAgain with a ledger, and anything that is not a ledger, before sending", async () => {
    const { server, client, ledger, id } = await setUp();
    await expect(payBonuses(client, id, { ledger, payAgain: true })).rejects.toThrow(
      /options.payAgain/,
    );
    for (const bad of [null, {}, "file:/tmp", { claim: () => {} }])
      await expect(payBonuses(client, id, { ledger: bad as any })).rejects.toMatchObject({
        name: "InvalidInputError",
        field: "options.ledger",
      });
    expect(server.pays).toEqual([]);
    expect(server.reads).toEqual([]);
  });

  it("records what the ledger's entry says word for word: the accepted answer, no set-up, a long failure cut", async () => {
    const { client, ledger, id } = await setUp();
    await payBonuses(client, id, { ledger });
    expect((await ledger.get(id))?.settled?.detail).toBe(
      `202 Bulk bonus payment with ID ${id} is being processed asynchronously.`,
    );
    await payBonuses(client, "never-set-up", { ledger });
    expect((await ledger.get("never-set-up"))?.sending).toMatchObject({
      noSnapshot: "no set-up rows were recorded for this id",
    });
    const other = await setUp();
    const failing = {
      ...other.ledger,
      markSending: async () => {
        throw new Error("m".repeat(1000));
      },
    };
    await expect(payBonuses(other.client, other.id, { ledger: failing })).rejects.toThrow(/^m+$/);
    const detail = (await other.ledger.get(other.id))?.settled?.detail;
    expect(detail).toBe(`not sent: Error: ${"m".repeat(493)}`); // the description: 500 characters
    expect(other.server.pays).toEqual([]);
  });

  it("refuses to pay when a submission's bonus_payments are not numbers: nothing sent, the id free", async () => {
    for (const odd of [["2.00"], "200", { 0: 200 }, [200, null]]) {
      const { server, ledger, id } = await setUp();
      // The reads answer as a broken or hostile server would; the pay would go through.
      const fetch = async (request: Request) => {
        const response = await globalThis.fetch(request);
        if (!request.url.endsWith("/submissions/sub-p1/")) return response;
        const body = { ...(await response.json()), bonus_payments: odd };
        return new Response(JSON.stringify(body), { headers: response.headers });
      };
      const client = createProlificClient({ token: "ledger-token-1", baseUrl: server.url, fetch });
      const refused = payBonuses(client, id, { ledger });
      await expect(refused).rejects.toThrow('submission "sub-p1": bonus_payments is not numbers');
      expect(server.pays).toEqual([]);
      expect(await ledger.get(id)).toMatchObject({
        state: "rejected",
        settled: {
          detail: 'not sent: PayoutsError: submission "sub-p1": bonus_payments is not numbers',
        },
      });
    }
  });

  it("reads the snapshot's submissions four at a time, never more", async () => {
    const participants = Array.from({ length: 10 }, (_, i) => `r${i}`);
    const server = await startFakeProlific({ participants });
    servers.push(server);
    let inFlight = 0;
    let most = 0;
    const fetch = async (request: Request) => {
      const read = request.url.includes("/api/v1/submissions/sub-");
      if (read) most = Math.max(most, ++inFlight);
      try {
        return await globalThis.fetch(request);
      } finally {
        if (read) inFlight--;
      }
    };
    const client = createProlificClient({ token: "ledger-token-1", baseUrl: server.url, fetch });
    const ledger = memoryLedger();
    const bonuses = participants.map((participantId) => ({ participantId, amount: "1.00" }));
    const made = await createBonusPayments(
      client,
      { studyId: server.studyId, bonuses },
      { ledger },
    );
    if (!made.ok) throw made.error;
    expect((await payBonuses(client, made.payment.id, { ledger })).outcome).toBe("accepted");
    expect(server.reads.filter((r) => r.startsWith("/api/v1/submissions/"))).toHaveLength(10);
    expect(most).toBe(4);
  });
});
