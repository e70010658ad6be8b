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
});
