// Entries a file ledger can hold once an operator edits or restores its files: well-formed
// ({ id, state, attempt }) but missing what the ledger itself always writes. A claim over
// them stays refused (a verdict only frees an id when the entry is resolved), the
// refusal still reads, and the open list still lists them, those without a claim first.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { DuplicatePayError, fileLedger } from "../../src/index.js";

const dir = mkdtempSync(join(tmpdir(), "payouts-ledger-odd-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let n = 0;

/** A ledger whose entry for `id` was written by hand as `entry`. */
function edited(id: string, entry: Record<string, unknown>) {
  const root = join(dir, `l${++n}`);
  const ledger = fileLedger(root);
  return {
    ledger,
    write: async () => {
      await ledger.listOpen(); // makes the directories
      writeFileSync(join(root, "claims", `${id}.1.1.json`), JSON.stringify({ id, ...entry }));
    },
  };
}

describe("a file ledger with hand-written entries", () => {
  it("an unknown entry carrying a not-paid verdict is still refused (it is not resolved)", async () => {
    const { ledger, write } = edited("u", {
      state: "unknown",
      attempt: 1,
      claim: { at: "2030-01-01T00:00:00.000Z", host: "h", pid: 7 },
      resolution: { verdict: "not-paid", note: "copied from elsewhere" },
    });
    await write();
    const error = await ledger.claim("u").catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DuplicatePayError);
    expect(error).toMatchObject({ previous: "unknown" });
  });

  it("a resolved entry without its resolution stays refused, not a crash", async () => {
    const { ledger, write } = edited("r", { state: "resolved", attempt: 1 });
    await write();
    const error = await ledger.claim("r").catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DuplicatePayError);
    expect(error).toMatchObject({
      previous: "resolved",
      claim: { claimedAt: "(unknown)", host: "(unknown)", pid: 0 },
    });
  });

  it("an in-flight entry without a claim is listed open, before the claimed ones", async () => {
    const { ledger, write } = edited("bare", { state: "in-flight", attempt: 1 });
    await write();
    await ledger.claim("claimed");
    expect((await ledger.listOpen()).map((e) => e.id)).toEqual(["bare", "claimed"]);
    const error = await ledger.claim("bare").catch((e: unknown) => e);
    expect(error).toMatchObject({ previous: "in-flight", claim: { host: "(unknown)" } });
  });
});

describe("a file ledger's directory with more than it wrote", () => {
  it("ten attempts and a dozen versions: listed and read at the newest of each", async () => {
    const { ledger } = edited("unused", {});
    for (let round = 1; round < 10; round++) {
      await ledger.claim("many");
      await ledger.settle("many", "rejected", `round ${round}`);
    }
    await ledger.claim("many");
    for (let mark = 0; mark < 10; mark++)
      await ledger.markSending("many", { noSnapshot: `${mark}` });
    await ledger.settle("many", "unknown", "reset");
    const [open] = await ledger.listOpen();
    expect(open).toMatchObject({ id: "many", attempt: 10, state: "unknown" });
    expect(open?.settled?.detail).toBe("reset");
    expect(await ledger.get("many")).toMatchObject({ attempt: 10, state: "unknown" });
  });

  it("stray names (a backup, a copy under a prefix) neither hide nor add an entry", async () => {
    const root = join(dir, `l${++n}`);
    const ledger = fileLedger(root);
    await ledger.claim("x");
    const entry = JSON.stringify({ id: "x", state: "accepted", attempt: 1 });
    writeFileSync(join(root, "claims", "x.1.9.json.bak"), entry);
    writeFileSync(join(root, "claims", "old.x.1.8.json"), entry);
    expect((await ledger.listOpen()).map((e) => [e.id, e.state])).toEqual([["x", "in-flight"]]);
  });

  it("a file holding another id's entry, a number id or a number state stops the ledger", async () => {
    for (const [name, entry] of [
      ["y.1.1.json", { id: "z", state: "in-flight", attempt: 1 }],
      ["5.1.1.json", { id: 5, state: "in-flight", attempt: 1 }],
      ["w.1.1.json", { id: "w", state: 7, attempt: 1 }],
    ] as const) {
      const root = join(dir, `l${++n}`);
      const ledger = fileLedger(root);
      await ledger.listOpen();
      writeFileSync(join(root, "claims", name), JSON.stringify(entry));
      await expect(ledger.listOpen()).rejects.toThrow(
        `is not an entry of ${JSON.stringify(`file name ${name.split(".")[0]}`)}`,
      );
    }
  });

  it("a claims name taken by a directory is an error, not a free id", async () => {
    const root = join(dir, `l${++n}`);
    const ledger = fileLedger(root);
    await ledger.listOpen();
    mkdirSync(join(root, "claims", "d.1.1.json"));
    await expect(ledger.claim("d")).rejects.toThrow(/EISDIR/);
  });
});
