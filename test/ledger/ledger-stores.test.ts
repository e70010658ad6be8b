import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { fileLedger, memoryLedger } from "../../src/ledger/index.js";
import { ledgerSuite } from "./ledger-suite.js";

const memory = memoryLedger();
ledgerSuite("memory", () => memory);

const dir = mkdtempSync(join(tmpdir(), "payouts-ledger-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
// A fresh handle each time: the files, not the object, are the ledger.
ledgerSuite("file", () => fileLedger(dir));

describe("file ledger on disk", () => {
  it("is plain JSON an operator can read, one file per attempt", async () => {
    const ledger = fileLedger(join(dir, "plain"));
    await ledger.claim("abc");
    await ledger.settle("abc", "unknown", "ServerError: 503");
    const text = readFileSync(join(dir, "plain", "claims", "abc.1.json"), "utf8");
    expect(JSON.parse(text)).toMatchObject({ id: "abc", state: "unknown", attempt: 1 });
    expect(text).toContain('\n  "state": "unknown"');
  });

  it("keeps odd ids inside its directory", async () => {
    const root = join(dir, "odd");
    const ledger = fileLedger(root);
    for (const id of ["../../escape", "a/b", ".hidden", "x.1", "é".repeat(200)]) {
      await ledger.claim(id);
      expect(await ledger.get(id)).toMatchObject({ id, state: "in-flight" });
    }
    expect(readdirSync(root).sort()).toEqual(["claims", "set-up"]);
    expect(readdirSync(join(root, "claims"))).toHaveLength(5);
    expect((await ledger.listOpen()).map((e) => e.id).sort()).toHaveLength(5);
  });

  it("ignores temporary files a killed writer left, and refuses a hand-broken file", async () => {
    const root = join(dir, "torn");
    const ledger = fileLedger(root);
    await ledger.claim("one");
    writeFileSync(join(root, "claims", ".tmp-999-left-behind"), '{"id": "one", "sta');
    expect((await ledger.listOpen()).map((e) => e.id)).toEqual(["one"]);
    writeFileSync(join(root, "claims", "two.1.json"), '{"id": "two", "sta');
    await expect(ledger.claim("two")).rejects.toThrow(/not valid JSON/);
  });
});
