// A file ledger's claims files edited by hand (or restored wrongly) into something that is
// not an entry of their id: the ledger stops with an error that names the file. Before,
// a first version holding `null`, `false` or `0` read as "never claimed" (the id was paid
// again), and a newest version holding `null` made every settle loop for ever.
import { readdir, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import {
  createBonusPayments,
  createProlificClient,
  DuplicatePayError,
  fileLedger,
  payBonuses,
} from "../../src/index.js";
import { type FakeProlific, startFakeProlific } from "./fake-prolific.js";
import { useLocalLedgers } from "./local-ledgers.js";

const { tempDir, cleanup } = useLocalLedgers("ledger-edited-");

async function paidOnce() {
  const server: FakeProlific = await startFakeProlific({ participants: ["p1"] });
  cleanup(() => server.close());
  const dir = await tempDir();
  const client = createProlificClient({ token: "ledger-edit-token", baseUrl: server.url });
  const ledger = fileLedger(dir);
  const made = await createBonusPayments(
    client,
    { studyId: server.studyId, bonuses: [{ participantId: "p1", amount: "2.00" }] },
    { ledger },
  );
  if (!made.ok) throw made.error;
  const id = made.payment.id;
  expect(await payBonuses(client, id, { ledger })).toMatchObject({ outcome: "accepted" });
  expect(server.pays).toEqual([id]);
  const file = (v: number) => join(dir, "claims", `${encodeURIComponent(id)}.1.${v}.json`);
  return { server, client, dir, id, file };
}

/** Ends with what `promise` settled to, or "still running" after 10 s (a loop). */
const settled = (promise: Promise<unknown>) =>
  Promise.race([
    promise.then(
      () => "resolved",
      (e: Error) => e.message,
    ),
    new Promise((r) => setTimeout(() => r("still running"), 10_000).unref()),
  ]);

describe("a hand-edited file ledger", () => {
  it.each(["null", "false", "0", "[]", '"accepted"'])(
    "a first claim version holding %s never frees the id: no second pay",
    async (text) => {
      const { server, client, dir, id, file } = await paidOnce();
      await writeFile(file(1), text);
      const again = payBonuses(client, id, { ledger: fileLedger(dir) });
      await expect(again).rejects.toThrow(/is not an entry of/);
      expect(server.pays).toEqual([id]);
    },
  );

  it("another id's entry copied in is refused, not taken for this id", async () => {
    const { server, client, dir, id, file } = await paidOnce();
    await writeFile(
      file(1),
      JSON.stringify({ id: "other", state: "rejected", attempt: 1, claim: {} }),
    );
    await expect(payBonuses(client, id, { ledger: fileLedger(dir) })).rejects.toThrow(
      /is not an entry of/,
    );
    expect(server.pays).toEqual([id]);
  });

  it("a newest version holding null makes settle and resolve fail, not loop", async () => {
    const { dir, id, file } = await paidOnce();
    const names = await readdir(join(dir, "claims"));
    const newest = Math.max(...names.map((n) => Number(/\.1\.(\d+)\.json$/.exec(n)?.[1] ?? 0)));
    await writeFile(file(newest), "null");
    const ledger = fileLedger(dir);
    expect(await settled(ledger.resolve(id, "paid", "checked on Prolific"))).toMatch(
      /is not an entry of/,
    );
    expect(await settled(ledger.listOpen())).toMatch(/is not an entry of/);
  });

  it("a __proto__ field added by hand stays a field through a transition, not a prototype", async () => {
    const { dir, id, file } = await paidOnce();
    const names = await readdir(join(dir, "claims"));
    const newest = Math.max(...names.map((n) => Number(/\.1\.(\d+)\.json$/.exec(n)?.[1] ?? 0)));
    const edited = JSON.parse(await readFile(file(newest), "utf8"));
    await writeFile(
      file(newest),
      JSON.stringify(edited).replace(/}$/, ',"__proto__":{"setUp":"inherited"}}'),
    );
    const ledger = fileLedger(dir);
    const resolved = await ledger.resolve(id, "paid", "checked on Prolific");
    const entry = await ledger.get(id);
    for (const e of [resolved, entry]) {
      expect(Object.getPrototypeOf(e)).toBe(Object.prototype);
      expect(Object.hasOwn(e ?? {}, "__proto__")).toBe(true);
      expect(e?.state).toBe("resolved");
      expect(e?.setUp).toEqual(edited.setUp);
    }
  });

  it("an intact ledger still refuses the second pay as a duplicate", async () => {
    const { server, client, dir, id } = await paidOnce();
    await expect(payBonuses(client, id, { ledger: fileLedger(dir) })).rejects.toThrow(
      DuplicatePayError,
    );
    expect(server.pays).toEqual([id]);
  });
});
