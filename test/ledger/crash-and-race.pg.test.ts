import pg from "pg";
import { beforeAll, inject } from "vitest";
import { postgresLedger } from "../../src/index.js";
import { crashSuite } from "./crash-suite.js";
import { freshDatabase } from "./postgres-server.js";

let url: string;
beforeAll(async () => {
  url = await freshDatabase(inject("postgres").url);
});

crashSuite(
  "postgres",
  () => ({ kind: "postgres", url }),
  (config) => postgresLedger({ connectionString: (config as { url: string }).url }),
  async () => {
    const db = new pg.Client({ connectionString: url });
    await db.connect();
    try {
      const { rows } = await db.query(
        "SELECT count(DISTINCT pid)::int AS n FROM pg_stat_activity WHERE application_name = 'pay-job' AND datname = current_database()",
      );
      return rows[0].n;
    } finally {
      await db.end();
    }
  },
);
