// The shipped `payouts-mock` command: prints its URLs, start-up time and control surface,
// serves both APIs from its own process (no children), stops on SIGTERM, SIGINT and SIGHUP
// with exit 0, leaves nothing listening when SIGKILLed, and refuses bad input in one line.
import { type ChildProcess, execFileSync, spawn } from "node:child_process";
import { once } from "node:events";
import { existsSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import Module from "node:module";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";

const cli = new URL("../../dist/src/mock/cli.js", import.meta.url).pathname;

async function startCli(args: string[], env: Record<string, string> = {}) {
  const child = spawn(process.execPath, [cli, ...args], { env: { ...process.env, ...env } });
  let out = "";
  child.stdout.on("data", (c) => (out += c));
  child.stderr.on("data", (c) => (out += c));
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no start in 20 s:\n${out}`)), 20_000);
    child.stdout.on("data", () => {
      if (out.includes("to stop.")) {
        clearTimeout(timer);
        resolve();
      }
    });
    child.once("exit", () => reject(new Error(`exited early:\n${out}`)));
  });
  const url = (api: string) => new RegExp(`${api}\\s+(http://\\S+)`).exec(out)?.[1];
  return { child, out: () => out, url };
}

/** Runs the CLI to its exit; its exit code and everything it printed to stderr. */
async function runToExit(args: string[]) {
  const child = spawn(process.execPath, [cli, ...args]);
  let err = "";
  child.stderr.on("data", (c) => (err += c));
  const [code] = await once(child, "exit");
  return { code, err };
}

async function stopWith(child: ChildProcess, signal: NodeJS.Signals) {
  const exited = once(child, "exit");
  child.kill(signal);
  return (await exited) as [number | null, NodeJS.Signals | null];
}

/** PIDs of the process's children ("" when none: ps then exits 1). */
function childrenOf(pid: number): string {
  try {
    return execFileSync("ps", ["-o", "pid=", "--ppid", String(pid)], { encoding: "utf8" }).trim();
  } catch {
    return "";
  }
}

const refused = (url: string) =>
  fetch(`${url}/__mock/state`).then(
    () => false,
    (e: Error & { cause?: { code?: string } }) => e.cause?.code === "ECONNREFUSED",
  );

const markPaid = (rewards: string) =>
  fetch(`${rewards}/api/v1/finance/rewards/bulk_update`, {
    method: "PATCH",
    headers: { authorization: "Bearer x", "content-type": "application/json" },
    body: JSON.stringify({ reward: { reward_ids: [499], state: "paid" } }),
  });

describe("payouts-mock", () => {
  it.each(["SIGTERM", "SIGINT", "SIGHUP"] as const)(
    "serves both APIs from its own process and stops on %s",
    async (signal) => {
      const { child, out, url } = await startCli(["--prolific-port", "0"], {
        REWARDS_MOCK_PORT: "0",
      });
      expect(out()).toMatch(/started in \d+ ms/);
      // The PID to stop it by, even when a wrapper (npx, npm exec) started it.
      expect(out()).toContain(`pid ${child.pid}`);
      expect(out()).toContain("POST /__mock/faults");
      const prolific = url("prolific")!;
      const rewards = url("rewards")!;
      expect(prolific).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      expect(rewards).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);

      const answer = await markPaid(rewards);
      expect(answer.status).toBe(200);
      expect((await answer.json()).rewards[0]).toMatchObject({ id: 499, state: "paid" });
      const journal = await (await fetch(`${rewards}/__mock/requests`)).json();
      expect(journal.requests).toMatchObject([
        { operationId: "bulk-update-reward-state", status: 200 },
      ]);
      expect(childrenOf(child.pid!)).toBe("");

      expect(await stopWith(child, signal)).toEqual([0, null]);
      expect(out()).toContain(`stopped on ${signal}`);
      expect(await refused(prolific)).toBe(true);
      expect(await refused(rewards)).toBe(true);
    },
  );

  it("SIGKILL leaves nothing listening (the mocks die with their process)", async () => {
    const { child, url } = await startCli(["--prolific-port", "0", "--rewards-port", "0"]);
    expect((await markPaid(url("rewards")!)).status).toBe(200);
    expect(await stopWith(child, "SIGKILL")).toEqual([null, "SIGKILL"]);
    expect(await refused(url("prolific")!)).toBe(true);
    expect(await refused(url("rewards")!)).toBe(true);
  });

  // Node 22.1+ (`npm run test:node-lines`) keeps the compiled code in its compile cache,
  // under os.tmpdir() unless told otherwise; Node 20 has no such cache.
  it("keeps the code it compiled in Node's compile cache where Node has one", async () => {
    const tmp = mkdtempSync(join(tmpdir(), "payouts-mock-cache-"));
    try {
      // spawn leaves out variables set to undefined: neither cache setting comes through.
      const env = {
        TMPDIR: tmp,
        NODE_COMPILE_CACHE: undefined,
        NODE_DISABLE_COMPILE_CACHE: undefined,
      };
      const { child, out } = await startCli(["--prolific-port", "0", "--rewards-port", "0"], {
        ...(env as unknown as Record<string, string>),
      });
      expect(await stopWith(child, "SIGTERM"), out()).toEqual([0, null]);
      const cache = join(tmp, "node-compile-cache");
      if ("enableCompileCache" in Module) expect(readdirSync(cache).length).toBeGreaterThan(0);
      else expect(existsSync(cache)).toBe(false);
    } finally {
      rmSync(tmp, { recursive: true, force: true });
    }
  });

  it("--require-sign-in: DRVN accepts only tokens its sign_in issued", async () => {
    const { child, url } = await startCli([
      "--prolific-port",
      "0",
      "--rewards-port",
      "0",
      "--require-sign-in",
    ]);
    try {
      const rewards = url("rewards")!;
      expect((await markPaid(rewards)).status).toBe(401);
      const signIn = await fetch(`${rewards}/api/v1/users/sign_in`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({
          user: { login: "finance@example.org", password: "example-password" },
        }),
      });
      const authorization = signIn.headers.get("authorization")!;
      const answer = await fetch(`${rewards}/api/v1/finance/rewards/bulk_update`, {
        method: "PATCH",
        headers: { authorization, "content-type": "application/json" },
        body: JSON.stringify({ reward: { reward_ids: [499], state: "paid" } }),
      });
      expect(answer.status).toBe(200);
    } finally {
      await stopWith(child, "SIGTERM");
    }
  });

  it.each([
    [["--rewards-port", "99999"], /^payouts-mock: --rewards-port must be an integer 0\.\.65535/],
    [["--prolific-port", "4x"], /--prolific-port must be an integer/],
    [["--colour"], /^payouts-mock: Unknown option '--colour'/],
    [["--seed", "a"], /--seed only applies with --dynamic/],
  ])("refuses %j in one line, exit 2", async (args, message) => {
    const { code, err } = await runToExit(args);
    expect(code).toBe(2);
    expect(err).toMatch(message);
    expect(err.trim().split("\n")).toHaveLength(1);
  });

  it("a port in use is one clear line, exit 2", async () => {
    const taken = createServer().listen(0, "127.0.0.1");
    await once(taken, "listening");
    const port = String((taken.address() as { port: number }).port);
    try {
      const { code, err } = await runToExit(["--prolific-port", port, "--rewards-port", "0"]);
      expect(code).toBe(2);
      expect(err.trim()).toBe(
        `payouts-mock: port ${port} on 127.0.0.1 is in use (choose another with --prolific-port / --rewards-port, or 0 for a free one) (see --help)`,
      );
    } finally {
      taken.close();
    }
  });

  it("warns when --host is not loopback (TEST-NET address: the bind then fails)", async () => {
    const { code, err } = await runToExit(["--host", "192.0.2.1", "--prolific-port", "0"]);
    expect(err).toContain("WARNING: listening on 192.0.2.1, not loopback");
    expect(code).not.toBe(0);
  });
});
