// payouts-ledger over the Postgres ledger (in-process, runLedgerCli), against a real
// PostgreSQL: it lists what the ledger holds, and never prints the database password.
import { expect, inject, it } from "vitest";
import { postgresLedger } from "../../src/ledger/index.js";
import { freshDatabase } from "./postgres-server.js";
import { runCliHere as cli } from "./run-cli.js";

const PASSWORD = "pg-secret-pass-8080";
let env: Record<string, string>;
// Made by the first test that needs it, inside that test: code run in beforeAll counts
// for no test, and StrykerJS would re-run every test for each mutant it reaches.
let ready: Promise<void> | undefined;
const setUp = () =>
  (ready ??= (async () => {
    const url = new URL(await freshDatabase(inject("postgres").url));
    url.password = PASSWORD; // the test server trusts loopback: a password is ignored, not refused
    env = { PAYOUTS_LEDGER_DATABASE_URL: url.href };
    const ledger = postgresLedger({ connectionString: url.href });
    await ledger.claim("pg-cli-1");
    await ledger.close();
  })());

it("lists the Postgres ledger's open entries, naming it without its password", async () => {
  await setUp();
  const run = await cli(["list", "--postgres"], env);
  expect(run.code).toBe(0);
  expect(run.stdout).toMatch(/^1 open entry in postgres postgres@127\.0\.0\.1:\d+\/\S+\n/);
  expect(run.stdout).toMatch(/ {2}pg-cli-1 {2}in-flight {2}attempt 1 .* not sent\n/);
  expect(run.stdout).not.toContain(PASSWORD);
});

it("redacts the password, and the whole URL, from any line that carries them", async () => {
  await setUp();
  const byPassword = await cli(["show", PASSWORD, "--postgres"], env);
  expect(byPassword.code).toBe(1);
  expect(byPassword.stderr).toMatch(/^payouts-ledger: "\[REDACTED\]" is not in postgres /);
  const byUrl = await cli(["show", env.PAYOUTS_LEDGER_DATABASE_URL as string, "--postgres"], env);
  expect(byUrl.stderr).not.toContain(PASSWORD);
  expect(byUrl.stderr).toMatch(/^payouts-ledger: "\[REDACTED\]" is not in postgres /);
});

it("says which setting is missing: exit 2 without PAYOUTS_LEDGER_DATABASE_URL", async () => {
  await setUp();
  const run = await cli(["list", "--postgres"]);
  expect(run.code).toBe(2);
  expect(run.stderr).toContain("--postgres reads PAYOUTS_LEDGER_DATABASE_URL, which is not set");
});
