// verify:provider cannot lie and never changes real data by default: an unreachable
// or failing provider is ERROR (exit 3), an unexpected answer is never PASS, each
// operation prints a progress line, and what would change data runs only when named.
// The shipped CLI (dist/) runs against a local provider that journals what it saw.
import { execFile } from "node:child_process";
import { readFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import { promisify } from "node:util";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { verifyProvider } from "../../src/verify/verify-provider.js";
import { listenOnLoopback } from "../listen-on-loopback.js";

const cli = new URL("../../dist/src/verify/cli.js", import.meta.url).pathname;
const seed = readFileSync(new URL("../fixtures/seed-004-response.json", import.meta.url));
const headers = { "content-type": "application/json; charset=utf-8", "per-page": "20", total: "5" };

// What each local provider answers, by the first path segment.
const answers: Record<string, [status: number, body: string | Buffer]> = {
  faithful: [200, seed],
  failing: [503, "upstream down"],
  "wrong-token": [401, JSON.stringify({ error: "You need to sign in or sign up." })],
};
const journal: Array<{ method?: string; url?: string; body: string }> = [];
const server: Server = createServer(async (req, res) => {
  let body = "";
  for await (const chunk of req) body += chunk;
  journal.push({ method: req.method, url: req.url, body });
  const [status, text] = answers[req.url?.split("/")[1] ?? ""] ?? [404, ""];
  res.writeHead(status, status === 503 ? {} : headers).end(text);
});
let base = "";
let unreachable = "";
beforeAll(async () => {
  base = await listenOnLoopback(server);
  // A port that was free a moment ago and has nothing listening now.
  const closed = createServer();
  unreachable = await listenOnLoopback(closed);
  closed.close();
});
afterAll(() => server.close());
beforeEach(() => {
  journal.length = 0;
});

const env = { ...process.env, REWARDS_TOKEN: "verify.jwt.token", PROLIFIC_TOKEN: "verify-token" };
async function runCli(args: string[]) {
  try {
    const { stdout, stderr } = await promisify(execFile)(process.execPath, [cli, ...args], { env });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const { code, stdout, stderr } = error as { code: number; stdout: string; stderr: string };
    return { code, stdout, stderr };
  }
}

describe("an answer that is not the expected one is never PASS", () => {
  it("unreachable provider → ERROR naming Prism's fetch failure, exit 3", async () => {
    const { code, stdout, stderr } = await runCli([
      ...["--api", "rewards", "--upstream", unreachable, "--reward-ids", "17,23"],
    ]);
    expect(code).toBe(3);
    expect(stdout).toMatch(/COULD NOT BE VERIFIED/);
    expect(stdout).toMatch(/ERROR\s+bulk-update-reward-state \(HTTP 500\): Prism could not get/);
    expect(stdout).not.toMatch(/PASS/);
    expect(stderr).toMatch(/^\[1\/1\] ERROR\s+bulk-update-reward-state/m);
  });

  it("a failing provider (503) → error, not drift and not pass", async () => {
    const report = await verifyProvider({
      api: "rewards",
      upstream: `${base}/failing`,
      token: "t.t.t",
      rewardIds: [17],
    });
    expect(report).toMatchObject({ pass: false, result: "error" });
    expect(report.scenarios[0]).toMatchObject({
      result: "error",
      status: 503,
      note: "the provider failed with HTTP 503",
    });
    expect(journal).toHaveLength(1);
  });

  it("a documented but unexpected answer (401 for a wrong token) → error", async () => {
    const report = await verifyProvider({
      api: "rewards",
      upstream: `${base}/wrong-token`,
      token: "t.t.t",
      rewardIds: [17],
    });
    expect(report.scenarios[0]).toMatchObject({
      result: "error",
      status: 401,
      violations: [],
      note: "expected HTTP 200, got 401",
    });
  });

  it("a faithful provider → PASS, exit 0, a progress line, only the chosen ids sent", async () => {
    const { code, stdout, stderr } = await runCli([
      ...["--api", "rewards", "--upstream", `${base}/faithful`, "--reward-ids", "17,23"],
    ]);
    expect(code, stdout + stderr).toBe(0);
    expect(stdout).toMatch(/MATCHES the spec\n\s+PASS\s+bulk-update-reward-state \(HTTP 200\)/);
    expect(stderr).toMatch(/^\[1\/1\] PASS\s+bulk-update-reward-state \(HTTP 200\)$/m);
    expect(journal).toHaveLength(1);
    expect(journal[0]).toMatchObject({ method: "PATCH" });
    expect(JSON.parse(journal[0]?.body ?? "").reward.reward_ids).toEqual([17, 23]);
  });
});

describe("nothing real changes by default: refused with a one-line usage error", () => {
  const rewards = ["--api", "rewards", "--upstream"];
  const prolific = ["--api", "prolific", "--upstream"];
  it.each([
    ["no --reward-ids", rewards, [], /--reward-ids 1,2 is required/],
    ["a non-number id", rewards, ["--reward-ids", "1,x"], /--reward-ids must be ids/],
    ["an empty id", rewards, ["--reward-ids", "1,,2"], /--reward-ids must be ids/],
    ["a decimal id", rewards, ["--reward-ids", "1.5"], /--reward-ids must be ids/],
    ["a space", rewards, ["--reward-ids", "1, 2"], /--reward-ids must be ids/],
    ["id 0 (the spec's minimum is 1)", rewards, ["--reward-ids", "0"], /must be >= 1/],
    ["an id past 2^53-1", rewards, ["--reward-ids", "9007199254740992"], /must be <=/],
    ["the same id twice", rewards, ["--reward-ids", "499,499"], /names an id twice/],
    ["--include-pay without --pay-id", prolific, ["--include-pay"], /needs --pay-id/],
    ["--pay-id without --include-pay", prolific, ["--pay-id", "abc"], /only used with/],
    ["a --pay-id with a slash", prolific, ["--include-pay", "--pay-id", "a/b"], /one id/],
    ["a misspelt flag", rewards, ["--reward-id", "1"], /Unknown option '--reward-id'/],
  ])("%s", async (_, api, extra, message) => {
    const { code, stdout, stderr } = await runCli([...api, `${base}/faithful`, ...extra]);
    expect(code).toBe(2);
    expect(stdout).toBe("");
    expect(stderr).toMatch(message);
    expect(stderr.trimEnd().split("\n")).toHaveLength(1);
    expect(journal).toEqual([]);
  });

  it("the library skips the update when no ids are given", async () => {
    const report = await verifyProvider({
      api: "rewards",
      upstream: `${base}/faithful`,
      token: "t.t.t",
    });
    expect(report.scenarios).toEqual([
      expect.objectContaining({ operation: "bulk-update-reward-state", result: "skipped" }),
    ]);
    expect(journal).toEqual([]);
  });
});
