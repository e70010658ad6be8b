import pg from "pg";
import { afterAll, afterEach, beforeAll, describe, expect, inject, it } from "vitest";
import { LEDGER_MIGRATION, type PayLedger, postgresLedger } from "../../src/ledger/index.js";
import { removeBundles } from "./bundle.js";
import { ledgerRulesSuite } from "./ledger-rules-suite.js";
import { ledgerSuite } from "./ledger-suite.js";
import { freshDatabase } from "./postgres-server.js";
import { runCli } from "./run-cli.js";

let url: string;
let ledger: PayLedger;
beforeAll(async () => {
  url = await freshDatabase(inject("postgres").url);
  ledger = postgresLedger({ connectionString: url });
});
afterAll(() => ledger.close());

// Each handle its own pool, as separate processes would have; closed after each test, so
// the suite holds a test's connections at a time, not all of them.
const handles: PayLedger[] = [];
afterEach(() => Promise.all(handles.splice(0).map((h) => h.close())));
ledgerSuite(
  "postgres",
  () => handles[handles.push(postgresLedger({ connectionString: url })) - 1]!,
  true,
);
ledgerRulesSuite("postgres", () => ledger);

describe("postgres ledger", () => {
  it("runs its migration again without harm, and keeps the entry in one row", async () => {
    const pool = new pg.Pool({ connectionString: url, max: 1 });
    try {
      await pool.query(LEDGER_MIGRATION);
      await pool.query(LEDGER_MIGRATION);
      const shared = postgresLedger({ pool, migrate: false });
      expect(postgresLedger(pool).location).toBe("postgres (pool)"); // a bare pool works too
      for (const bad of [{}, { connectionString: "" }, { pool: {} }, null, "postgres://x"])
        expect(() => postgresLedger(bad as any)).toThrow(/connectionString/);
      await shared.claim("row-1");
      await shared.settle("row-1", "unknown", "503");
      const { rows } = await pool.query(
        "SELECT state, entry->>'attempt' AS attempt FROM payouts_pay_ledger WHERE id = $1",
        ["row-1"],
      );
      expect(rows).toEqual([{ state: "unknown", attempt: "1" }]);
      await shared.close();
      expect((await pool.query("SELECT 1 AS one")).rows).toEqual([{ one: 1 }]); // still ours
    } finally {
      await pool.end();
    }
  });

  it("names the database but never the password", async () => {
    const secret = postgresLedger({
      connectionString: "postgres://payer:hunter2-secret@db.example:5432/pays?sslmode=require",
    });
    expect(secret.location).toBe("postgres payer@db.example:5432/pays");
    await secret.close();
  });
});

describe("payouts-ledger over Postgres", () => {
  afterAll(removeBundles);

  it("lists open entries, naming the database but never the password", async () => {
    await ledger.claim("cli-open-1");
    const withPassword = new URL(url);
    withPassword.password = "pw-secret-123"; // trust auth ignores it; the CLI must not show it
    const env = { PAYOUTS_LEDGER_DATABASE_URL: withPassword.toString() };
    const run = await runCli(["list", "--postgres"], env);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/open entr(y|ies) in postgres postgres@127\.0\.0\.1:\d+\/t_/);
    expect(run.stdout).toContain("cli-open-1  in-flight");
    const down = new URL(withPassword);
    down.port = "1"; // nothing listens there
    const failed = await runCli(["list", "--postgres"], {
      PAYOUTS_LEDGER_DATABASE_URL: down.toString(),
    });
    expect(failed.code).toBe(1);
    for (const r of [run, failed]) expect(r.stdout + r.stderr).not.toContain("pw-secret-123");
  });
});
