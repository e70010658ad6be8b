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
);
