import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll } from "vitest";
import { fileLedger } from "../../src/index.js";
import { crashSuite } from "./crash-suite.js";

const root = mkdtempSync(join(tmpdir(), "payouts-crash-"));
afterAll(() => rmSync(root, { recursive: true, force: true }));
let n = 0;

crashSuite(
  "file",
  () => ({ kind: "file", dir: join(root, `ledger-${++n}`) }),
  (config) => fileLedger((config as { dir: string }).dir),
);
