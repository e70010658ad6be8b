// Proves the Redocly rules are errors: a copy of the specs with one wrong example
// must fail lint. The real specs are never touched.
import { execFile } from "node:child_process";
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, describe, expect, it } from "vitest";

const run = promisify(execFile);
const root = new URL("../..", import.meta.url).pathname;
const redocly = join(root, "node_modules/.bin/redocly");
const copy = mkdtempSync(join(tmpdir(), "payouts-lint-"));
cpSync(join(root, "specs"), copy, { recursive: true });
afterAll(() => rmSync(copy, { recursive: true, force: true }));

async function lint(): Promise<{ code: number; output: string }> {
  try {
    const { stdout, stderr } = await run(redocly, ["lint", "--config", join(copy, "redocly.yaml")]);
    return { code: 0, output: stdout + stderr };
  } catch (error: any) {
    return { code: error.code, output: String(error.stdout) + String(error.stderr) };
  }
}

describe("redocly lint", () => {
  it("passes on an untouched copy of the specs", async () => {
    const { code, output } = await lint();
    expect(code, output).toBe(0);
  });

  it("fails when an example breaks its schema (bonus as a number)", async () => {
    const file = join(copy, "rewards.openapi.yaml");
    const text = readFileSync(file, "utf8");
    const broken = text.replace('"bonus": "10.0"', '"bonus": 10.0');
    expect(broken).not.toBe(text);
    writeFileSync(file, broken);
    const { code, output } = await lint();
    expect(code).not.toBe(0);
    expect(output).toContain("no-invalid-media-type-examples");
    expect(output).toMatch(/bonus/);
  });
});
