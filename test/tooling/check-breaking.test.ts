// The breaking-change gate (`npm run check:breaking -- --base <ref>`), run in a scratch
// git repository holding our specs: one spec pair per rule fails and names the change;
// compatible changes (a new optional field, a new operation, a widened request type)
// pass; a "BREAKING CHANGE" commit accepts a break.
import { execFileSync, spawnSync } from "node:child_process";
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { parse, stringify } from "yaml";

const script = new URL("../../scripts/check-breaking.mjs", import.meta.url).pathname;
const specs = new URL("../../specs", import.meta.url).pathname;
let repo = "";

function scratchRepo() {
  repo = mkdtempSync(join(tmpdir(), "check-breaking-"));
  cpSync(specs, join(repo, "specs"), { recursive: true });
  const git = (...args: string[]) => execFileSync("git", args, { cwd: repo, stdio: "pipe" });
  git("init", "-q");
  git("-c", "user.name=t", "-c", "user.email=t@t", "commit", "-qam", "specs", "--allow-empty");
  git("add", ".");
  git("-c", "user.name=t", "-c", "user.email=t@t", "commit", "-qm", "specs");
  return {
    change(api: "rewards" | "prolific", edit: (spec: any) => void, message = "change") {
      const file = join(repo, "specs", `${api}.openapi.yaml`);
      const spec = parse(readFileSync(file, "utf8"));
      edit(spec);
      writeFileSync(file, stringify(spec));
      git("-c", "user.name=t", "-c", "user.email=t@t", "commit", "-qam", message);
    },
    gate(base = "HEAD~1") {
      const run = spawnSync(process.execPath, [script, "--base", base], {
        cwd: repo,
        encoding: "utf8",
      });
      return { code: run.status, out: run.stdout + run.stderr };
    },
  };
}
afterEach(() => rmSync(repo, { recursive: true, force: true }));

const BULK = "/api/v1/finance/rewards/bulk_update";
const reward = (s: any) => s.components.schemas.RewardStateUpdate.properties.reward;

// Each case runs git and node a few times: seconds on a busy machine, not a timing rule.
const SPAWNS = { timeout: 30_000 };

describe("each breaking rule fails the gate and is named", SPAWNS, () => {
  it.each([
    [
      "a removed operation",
      "prolific",
      (s: any) => delete s.paths["/api/v1/bulk-bonus-payments/{id}/pay/"],
      /remove paths › \/api\/v1\/bulk-bonus-payments\/\{id\}\/pay\//,
    ],
    [
      "a removed response field",
      "rewards",
      (s: any) => {
        delete s.components.schemas.Reward.properties.bonus;
        s.components.schemas.Reward.required = s.components.schemas.Reward.required.filter(
          (f: string) => f !== "bonus",
        );
      },
      /responses › 200 .* properties › bonus/,
    ],
    [
      "a removed enum value",
      "rewards",
      (s: any) => (s.components.schemas.RewardState.enum = ["paid"]),
      /requestBody .* state › enum › 1: "pending" → \(none\)/,
    ],
    [
      "a new required request field",
      "rewards",
      (s: any) => reward(s).required.push("passcode"),
      /requestBody .* reward › required › 2: \(none\) → "passcode"/,
    ],
    [
      "changed auth",
      "rewards",
      (s: any) =>
        (s.components.securitySchemes.BearerJWT = { type: "apiKey", in: "header", name: "X-Key" }),
      /components › securitySchemes › BearerJWT › type: "http" → "apiKey"/,
    ],
  ] as const)("%s", (_, api, edit, named) => {
    const repo = scratchRepo();
    repo.change(api, edit);
    const { code, out } = repo.gate();
    expect(code, out).toBe(1);
    expect(out).toMatch(new RegExp(`BREAKING specs/${api}\\.openapi\\.yaml: .*${named.source}`));
  });

  it("a narrowed request type (an OpenAPI 3.1 type array losing a member)", () => {
    const repo = scratchRepo();
    repo.change("rewards", (s) => (reward(s).properties.passcode.type = ["integer", "string"]));
    expect(repo.gate().code, "widening what may be sent is compatible").toBe(0);
    repo.change("rewards", (s) => (reward(s).properties.passcode.type = "integer"));
    const { code, out } = repo.gate();
    expect(code, out).toBe(1);
    expect(out).toMatch(/BREAKING specs\/rewards\.openapi\.yaml: .*passcode › type/);
  });
});

describe("compatible changes pass", SPAWNS, () => {
  it("a new optional request field, a new operation, a new response field", () => {
    const repo = scratchRepo();
    repo.change("rewards", (s) => {
      reward(s).properties.note = { type: "string" };
      s.components.schemas.Reward.properties.paid_at = { type: "string" };
      s.paths["/api/v1/finance/rewards/summary"] = {
        get: { operationId: "rewards-summary", responses: { "200": { description: "ok" } } },
      };
    });
    const { code, out } = repo.gate();
    expect(code, out).toBe(0);
    expect(out).toContain("no breaking change");
  });

  it("a break in a commit that says BREAKING CHANGE is printed as accepted", () => {
    const repo = scratchRepo();
    repo.change(
      "rewards",
      (s) => delete s.paths[BULK].patch,
      "Drop bulk update\n\nBREAKING CHANGE: gone",
    );
    const { code, out } = repo.gate();
    expect(code, out).toBe(0);
    expect(out).toMatch(
      /ACCEPTED specs\/rewards\.openapi\.yaml: remove paths › \/api\/v1\/finance\/rewards\/bulk_update › patch/,
    );
  });

  it("an unknown base is a usage error", () => {
    expect(scratchRepo().gate("no-such-ref").code).toBe(2);
  });
});
