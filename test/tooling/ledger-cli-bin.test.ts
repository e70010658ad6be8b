// The payouts-ledger bin as an operator runs it, a child process: its exit codes (0 done,
// 1 failed, 2 usage) and what reaches its stdout and stderr. What each command does is
// tested in-process by test/ledger/ledger-cli*.test.ts.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fileLedger } from "../../src/index.js";
import { removeBundles } from "../ledger/bundle.js";
import { HOSTILE_CLAIM, HOSTILE_HOST_ESCAPED, leaveClaim, runCli } from "../ledger/run-cli.js";

const TOKEN = "bin-secret-token-5151";
let dir: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "payouts-cli-bin-"));
  await fileLedger(dir).listOpen(); // an empty ledger: its claims/ folder
});
afterAll(async () => {
  await removeBundles();
  rmSync(dir, { recursive: true, force: true });
});

describe("payouts-ledger, the bin", { timeout: 30_000 }, () => {
  it("exits 0 with the usage for --help, 2 for a usage error, 1 for a refusal", async () => {
    const help = await runCli(["--help"]);
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/^Usage: payouts-ledger <command> \[options\]\n/);
    expect(await runCli(["list"])).toMatchObject({
      code: 2,
      stdout: "",
      stderr: expect.stringMatching(/say which ledger.*\nRun payouts-ledger --help for usage\.\n$/),
    });
    expect(await runCli(["show", "not-there", "--dir", dir])).toMatchObject({
      code: 1,
      stderr: `payouts-ledger: "not-there" is not in file ${dir}\n`,
    });
  });

  it("prints a hand-edited entry's control characters escaped, and never the token", async () => {
    leaveClaim(dir, HOSTILE_CLAIM);
    const listed = await runCli(["list", "--dir", dir]);
    expect(listed.code).toBe(0);
    expect(listed.stdout).toContain(`by ${HOSTILE_HOST_ESCAPED} pid 1`);
    expect(listed.stdout).not.toContain("\u001b");
    const echoed = await runCli(["reconcile", TOKEN, "--dir", dir], { PROLIFIC_TOKEN: TOKEN });
    expect(echoed.code).toBe(1);
    expect(echoed.stderr).toContain("[REDACTED]");
    expect(echoed.stdout + echoed.stderr).not.toContain(TOKEN);
  });
});
