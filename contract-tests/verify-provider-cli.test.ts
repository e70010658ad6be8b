// `npm run verify:provider` refuses unusable flags before starting anything: exit 2 and
// one line naming what is wrong (then the usage), never a run that "passes" by accident.
// Each case is its own process; they run side by side.
import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { expect, it } from "vitest";

const run = promisify(execFile);
const cli = new URL("../dist/src/verify/cli.js", import.meta.url).pathname;
const env = { ...process.env, PROLIFIC_TOKEN: "t", REWARDS_TOKEN: "t" };
// Port 9 (discard) on loopback: nothing listens; no case below may get as far as using it.
const upstream = ["--upstream", "http://127.0.0.1:9"];

it.concurrent.each([
  [[], "--api must be prolific or rewards"],
  [["--api", "bogus", ...upstream], "--api must be prolific or rewards"],
  [["--api", "rewards"], "--upstream URL is required"],
  [["--api", "prolific", ...upstream, "--include-pay"], "--include-pay needs --pay-id <id>"],
  [["--api", "prolific", ...upstream, "--pay-id", "x"], "needs --include-pay as well"],
  [["--api", "rewards", ...upstream, "--reward-ids", "a,b"], "--reward-ids takes positive"],
  [["--api", "rewards", ...upstream, "--reward-ids", "1,,2"], "--reward-ids takes positive"],
  [["--api", "rewards", ...upstream, "--reward-ids", "9007199254740993"], "--reward-ids"],
  [["--colour"], "Unknown option '--colour'"],
])("%j: exit 2, %s", async (args, reason) => {
  const result = await run(process.execPath, [cli, ...args], { env }).catch((e) => e);
  expect(result.code).toBe(2);
  expect(result.stderr.split("\n")[0]).toContain(reason);
  expect(result.stdout).toBe("");
});

it("--help prints the usage, exit 0", async () => {
  const { stdout } = await run(process.execPath, [cli, "--help"], { env });
  expect(stdout).toContain("Usage: npm run verify:provider");
});
