// postgresLedger's options against a real PostgreSQL: `migrate: false` leaves the schema
// alone (the table is the caller's to make), the default makes it once; a pool passed in
// stays the caller's after close(), one made from a connection string is ended; the
// location names user, host and database only; and the rows hold what the entry says.
import pg from "pg";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { InvalidInputError } from "../../src/index.js";
import { LEDGER_MIGRATION, postgresLedger } from "../../src/ledger/index.js";
import { freshDatabase } from "./postgres-server.js";

let url: string;
let pool: pg.Pool;
beforeAll(async () => {
  url = await freshDatabase(inject("postgres").url);
  pool = new pg.Pool({ connectionString: url, max: 2 });
});
afterAll(() => pool.end());

const tables = async () =>
  (
    await pool.query(
      "SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename",
    )
  ).rows.map((r) => r.tablename);

describe("postgres ledger options", () => {
  it("migrate: false makes no table; the default makes it on first use", async () => {
    const untouched = postgresLedger({ pool, migrate: false });
    await expect(untouched.claim("m-1")).rejects.toThrow(/payouts_pay_ledger/);
    expect(await tables()).toEqual([]);
    const migrating = postgresLedger({ pool });
    expect(await migrating.claim("m-1")).toMatchObject({ id: "m-1", attempt: 1 });
    expect(await tables()).toEqual(["payouts_pay_ledger"]);
    expect(await untouched.get("m-1")).toMatchObject({ state: "in-flight" });
    await migrating.close();
    await untouched.close();
    expect((await pool.query("SELECT 1 AS one")).rows).toEqual([{ one: 1 }]);
  });

  it("keeps state, entry and history in the row as the entry says", async () => {
    await pool.query(LEDGER_MIGRATION);
    const ledger = postgresLedger(pool);
    await ledger.recordSetUp("row-h", {
      studyId: "s",
      rows: [{ participantId: "p", amount: "1.00" }],
    });
    let row = (
      await pool.query("SELECT state, entry FROM payouts_pay_ledger WHERE id = $1", ["row-h"])
    ).rows[0];
    expect(row).toMatchObject({ state: "set-up", entry: { state: "set-up", attempt: 0 } });
    await ledger.claim("row-h");
    await ledger.settle("row-h", "rejected", "400");
    await ledger.claim("row-h");
    row = (await pool.query("SELECT state, entry FROM payouts_pay_ledger WHERE id = $1", ["row-h"]))
      .rows[0];
    expect(row.state).toBe("in-flight");
    expect(row.entry).toMatchObject({ attempt: 2, setUp: { studyId: "s" } });
    expect(
      row.entry.history.map((h: { attempt: number; state: string }) => [h.attempt, h.state]),
    ).toEqual([[1, "rejected"]]);
    // listOpen and claim hand back the entry without its history; get keeps it.
    expect((await ledger.listOpen()).find((e) => e.id === "row-h")).not.toHaveProperty("history");
    expect((await ledger.get("row-h"))?.history).toHaveLength(1);
  });

  it("a ledger from a connection string ends its own pool on close, and may close unused", async () => {
    const ours = postgresLedger({ connectionString: url });
    await ours.claim("own-pool");
    await ours.close();
    // Its pool is ended: the handle can no longer query.
    await expect(ours.get("own-pool")).rejects.toThrow(/after calling end/);
    await postgresLedger({ connectionString: url }).close();
  });

  it.each([
    ["postgres://alice:pw@db.example:5433/pays", "postgres alice@db.example:5433/pays"],
    ["postgres://db.example/pays", "postgres db.example/pays"],
    ["postgres://a%40b:pw@h/d?sslmode=require", "postgres a@b@h/d"],
    ["not a url at all", "postgres (connection string not shown)"],
  ])("names %s as %s", async (connectionString, location) => {
    const ledger = postgresLedger({ connectionString });
    expect(ledger.location).toBe(location);
    await ledger.close();
  });

  it.each([
    [{ connectionString: 42 }],
    [{ pool: { query() {} } }],
    [{ pool: { connect() {} } }],
    [{ pool: null }],
    [undefined],
    [null],
    ["postgres://as-a-string"],
  ])("refuses %j as options", (options) => {
    expect(() => postgresLedger(options as never)).toThrow(InvalidInputError);
    expect(() => postgresLedger(options as never)).toThrow(
      "must be { connectionString }, a pg Pool, or { pool }",
    );
  });

  it("an id with set-up rows only has no claim to settle, mark or resolve", async () => {
    await pool.query(LEDGER_MIGRATION);
    const ledger = postgresLedger(pool);
    await ledger.recordSetUp("only-set-up", {
      studyId: "s",
      rows: [{ participantId: "p", amount: "1.00" }],
    });
    for (const change of [
      () => ledger.settle("only-set-up", "accepted", "202"),
      () => ledger.markSending("only-set-up", { noSnapshot: "x" }),
      () => ledger.resolve("only-set-up", "paid", "x"),
    ])
      await expect(change()).rejects.toThrow(/^no claim for "only-set-up" in postgres/);
    expect(await ledger.get("only-set-up")).toMatchObject({ state: "set-up", attempt: 0 });
  });

  it("of 8 handles settling one claim at once, exactly one writes (the row is locked)", async () => {
    await pool.query(LEDGER_MIGRATION);
    await postgresLedger(pool).claim("locked");
    const handles = Array.from({ length: 8 }, () => postgresLedger({ connectionString: url }));
    try {
      const results = await Promise.allSettled(
        handles.map((h, i) => h.settle("locked", i % 2 ? "accepted" : "unknown", `handle ${i}`)),
      );
      expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    } finally {
      await Promise.all(handles.map((h) => h.close()));
    }
  });

  it("a database it never reached: the call fails, close still ends cleanly", async () => {
    const down = new URL(url);
    down.port = "1"; // nothing listens there
    const ledger = postgresLedger({ connectionString: down.toString() });
    await expect(ledger.claim("unreached")).rejects.toThrow(/ECONNREFUSED/);
    await expect(ledger.close()).resolves.toBeUndefined();
  });
});
