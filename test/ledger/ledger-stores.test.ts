import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { fileLedger, memoryLedger } from "../../src/ledger/index.js";
import { ledgerRulesSuite } from "./ledger-rules-suite.js";
import { ledgerSuite } from "./ledger-suite.js";

// One memory ledger for the suite, made by the first test that asks (not as the file
// loads, where its code would count for no test in StrykerJS).
let memory: ReturnType<typeof memoryLedger> | undefined;
const sharedMemory = () => (memory ??= memoryLedger());
ledgerSuite("memory", sharedMemory);
ledgerRulesSuite("memory", sharedMemory);

const dir = mkdtempSync(join(tmpdir(), "payouts-ledger-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
// A fresh handle each time: the files, not the object, are the ledger.
ledgerSuite("file", () => fileLedger(dir), true);
ledgerRulesSuite("file", () => fileLedger(dir));

describe("file ledger on disk", () => {
  it("is plain JSON an operator can read, one file per attempt", async () => {
    const ledger = fileLedger(join(dir, "plain"));
    await ledger.claim("abc");
    await ledger.settle("abc", "unknown", "ServerError: 503");
    const text = readFileSync(join(dir, "plain", "claims", "abc.1.2.json"), "utf8");
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
    expect(readdirSync(join(root, "claims"))).toHaveLength(5); // one version each
    expect((await ledger.listOpen()).map((e) => e.id).sort()).toHaveLength(5);
  });

  it("keeps every change as its own version: the history an operator reads", async () => {
    const root = join(dir, "versions");
    const ledger = fileLedger(root);
    await ledger.claim("v");
    await ledger.markSending("v", { noSnapshot: "test" });
    await ledger.settle("v", "unknown", "reset");
    await ledger.resolve("v", "not-paid", "nothing landed");
    await ledger.claim("v");
    expect(readdirSync(join(root, "claims")).sort()).toEqual([
      "v.1.1.json",
      "v.1.2.json",
      "v.1.3.json",
      "v.1.4.json",
      "v.2.1.json",
    ]);
    const states = ["1.1", "1.2", "1.3", "1.4", "2.1"].map(
      (v) => JSON.parse(readFileSync(join(root, "claims", `v.${v}.json`), "utf8")).state,
    );
    expect(states).toEqual(["in-flight", "in-flight", "unknown", "resolved", "in-flight"]);
  });

  it("of 8 handles settling one claim at once, exactly one writes (compare-and-swap)", async () => {
    const root = join(dir, "cas");
    await fileLedger(root).claim("cas");
    const results = await Promise.allSettled(
      [
        "accepted",
        "unknown",
        "rejected",
        "accepted",
        "unknown",
        "rejected",
        "accepted",
        "unknown",
      ].map((outcome) => fileLedger(root).settle("cas", outcome as "accepted", outcome)),
    );
    const written = results.filter((r) => r.status === "fulfilled");
    expect(written).toHaveLength(1);
    for (const r of results.filter((r) => r.status === "rejected"))
      expect(String((r as PromiseRejectedResult).reason)).toMatch(/cannot be settled/);
    expect(readdirSync(join(root, "claims")).sort()).toEqual(["cas.1.1.json", "cas.1.2.json"]);
  });

  it("ignores temporary files a killed writer left, and refuses a hand-broken file", async () => {
    const root = join(dir, "torn");
    const ledger = fileLedger(root);
    await ledger.claim("one");
    writeFileSync(join(root, "claims", ".tmp-999-left-behind"), '{"id": "one", "sta');
    expect((await ledger.listOpen()).map((e) => e.id)).toEqual(["one"]);
    writeFileSync(join(root, "claims", "two.1.1.json"), '{"id": "two", "sta');
    await expect(ledger.claim("two")).rejects.toThrow(/not valid JSON/);
  });
});
