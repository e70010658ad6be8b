// What a ledger hands out is a copy: a caller that changes an entry it read (a logging
// step that tidies it, a bug) cannot free an id. Before, the memory ledger handed out its
// own objects, so `(await ledger.get(id)).state = "rejected"` let the id be paid again.
import { describe, expect, it } from "vitest";
import { createProlificClient, DuplicatePayError, payBonuses } from "../../src/index.js";
import { jsonAnswer, useHostileServer } from "../hostile-server.js";
import { useLocalLedgers } from "./local-ledgers.js";

const server = useHostileServer();
const { stores } = useLocalLedgers("ledger-copies-");
const ID = "64a1b2c3d4e5f6a7b8c9d0e1";

describe.each(stores)("%s ledger", (_name, open) => {
  it("changing what get, claim or listOpen returned changes nothing", async () => {
    server.otherwise(() => ({ status: 500, body: "lost" }));
    const client = createProlificClient({ token: "ledger-copies-token", baseUrl: server.url });
    const ledger = await open();
    expect(await payBonuses(client, ID, { ledger })).toMatchObject({ outcome: "unknown" });
    for (const entry of [await ledger.get(ID), ...(await ledger.listOpen())])
      Object.assign(entry ?? {}, { state: "rejected" });
    await expect(payBonuses(client, ID, { ledger })).rejects.toThrow(DuplicatePayError);
    expect(server.seen.filter((r) => r.path.endsWith("/pay/"))).toHaveLength(1);
    expect(await ledger.get(ID)).toMatchObject({ state: "unknown" });
  });

  it("changing the entry a claim returned changes nothing", async () => {
    server.otherwise(() => jsonAnswer(202, "ok"));
    const ledger = await open();
    const entry = await ledger.claim(ID);
    entry.state = "rejected";
    await expect(ledger.claim(ID)).rejects.toThrow(DuplicatePayError);
  });

  it("changing the set-up of a new claim after a rejected one changes neither attempt", async () => {
    const ledger = await open();
    await ledger.recordSetUp(ID, {
      studyId: "s1",
      rows: [{ participantId: "p1", amount: "4.25" }],
    });
    await ledger.claim(ID);
    await ledger.settle(ID, "rejected", "not sent: test");
    const second = await ledger.claim(ID);
    second.setUp?.rows.push({ participantId: "p2", amount: "999.00" });
    Object.assign(second.setUp?.rows[0] ?? {}, { amount: "999.00" });
    const stored = await ledger.get(ID);
    const rows = [{ participantId: "p1", amount: "4.25" }];
    expect(stored).toMatchObject({ state: "in-flight", attempt: 2, setUp: { rows } });
    expect(stored?.history).toMatchObject([{ state: "rejected", attempt: 1, setUp: { rows } }]);
  });
});
