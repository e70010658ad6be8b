// Compile-time contract of the pay ledger: wrong calls must not compile, right ones must.
import pg from "pg";
import { describe, expectTypeOf, it } from "vitest";
import {
  createProlificClient,
  type DuplicatePayError,
  type Finding,
  fileLedger,
  type LedgerState,
  memoryLedger,
  payBonuses,
  postgresLedger,
  reconcilePayment,
} from "../src/index.js";

const prolific = createProlificClient({ token: "t" });
const ledger = fileLedger("/tmp/ledger");

describe("pay ledger types", () => {
  it("accepts correct calls", async () => {
    void payBonuses(prolific, "id", { ledger });
    void postgresLedger({ connectionString: "postgres://u@h/db" });
    void postgresLedger({ pool: new pg.Pool(), migrate: false }); // a node-postgres Pool fits
    void postgresLedger(new pg.Pool());
    const result = await reconcilePayment(prolific, { ledger, id: "id", settleWindowMs: 0 });
    expectTypeOf(result.finding).toEqualTypeOf<Finding>();
    expectTypeOf<Finding>().toEqualTypeOf<
      "paid" | "paid-twice" | "partial" | "not-paid" | "still-unknown"
    >();
    expectTypeOf<LedgerState>().toEqualTypeOf<
      "set-up" | "in-flight" | "accepted" | "unknown" | "rejected" | "resolved"
    >();
    expectTypeOf<DuplicatePayError["claim"]>().toMatchTypeOf<
      { host: string; pid: number } | undefined
    >();
  });

  it("refuses wrong ones", () => {
    // @ts-expect-error "still-unknown" is a finding, not a verdict an operator records
    void ledger.resolve("id", "still-unknown", "note");
    // @ts-expect-error a ledger needs where it lives
    void postgresLedger({});
    // @ts-expect-error a ledger is an object, not a path
    void payBonuses(prolific, "id", { ledger: "/tmp/ledger" });
    // @ts-expect-error reconciliation needs the ledger
    void reconcilePayment(prolific, { id: "id" });
    void memoryLedger();
  });
});
