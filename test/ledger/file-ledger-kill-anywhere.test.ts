// kill -9 a process that writes a file ledger without pause, at moments the test does not
// choose, several times: every entry left behind is complete JSON, and every id whose
// claim returned is still refused or was freed only by its own settle/resolve.
import { spawn } from "node:child_process";
import { once } from "node:events";
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, expect, it } from "vitest";
import { DuplicatePayError, fileLedger } from "../../src/index.js";
import { bundleEntry, removeBundles } from "./bundle.js";

const dir = mkdtempSync(join(tmpdir(), "payouts-churn-"));
afterAll(async () => {
  rmSync(dir, { recursive: true, force: true });
  await removeBundles();
});

it("survives kill -9 at arbitrary moments of claim, mark, settle and resolve", async () => {
  const file = await bundleEntry("test/ledger/ledger-churn.ts");
  for (let round = 0; round < 5; round++) {
    const ledgerDir = join(dir, `round-${round}`);
    const child = spawn(process.execPath, [file], {
      env: { ...process.env, LEDGER_DIR: ledgerDir },
    });
    let claimed = "";
    child.stdout.on("data", (chunk) => (claimed += chunk));
    // Wait for some progress, then a few more writes, then kill wherever it is.
    while (claimed.split("\n").length < 3 + round * 2 && child.exitCode === null)
      await new Promise((r) => setTimeout(r, 5));
    child.kill("SIGKILL");
    const [, signal] = await once(child, "exit");
    expect(signal).toBe("SIGKILL");

    for (const name of readdirSync(join(ledgerDir, "claims")).filter((n) => !n.startsWith(".")))
      expect(
        () => JSON.parse(readFileSync(join(ledgerDir, "claims", name), "utf8")),
        name,
      ).not.toThrow();
    const ledger = fileLedger(ledgerDir);
    const open = await ledger.listOpen();
    expect(open.length).toBeLessThanOrEqual(1); // at most the one it was working on
    for (const id of claimed.trim().split("\n")) {
      const entry = await ledger.get(id);
      expect(["in-flight", "unknown", "rejected", "resolved"]).toContain(entry?.state);
      const attempt = ledger.claim(id);
      if (entry?.state === "in-flight" || entry?.state === "unknown")
        await expect(attempt).rejects.toThrow(DuplicatePayError);
      else await expect(attempt).resolves.toMatchObject({ attempt: 2 }); // freed by its own verdict
    }
  }
}, 60_000);
