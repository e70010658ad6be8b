// The README's ledger section states the migration as the package runs it.
import { readFileSync } from "node:fs";
import { expect, it } from "vitest";
import { LEDGER_MIGRATION } from "../../src/index.js";

const readme = readFileSync(new URL("../../README.md", import.meta.url), "utf8");
const section = readme.slice(readme.indexOf("## If a pay comes back unknown"));

it("the README's table is LEDGER_MIGRATION, word for word", () => {
  const sql = /```sql\n([\s\S]*?)```/.exec(section)?.[1];
  expect(sql?.trim()).toBe(LEDGER_MIGRATION.trim());
});
