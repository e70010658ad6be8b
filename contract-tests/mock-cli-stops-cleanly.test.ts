// The shipped `payouts-mock` command: prints its URLs and start-up time, serves the
// seed's example, and on SIGTERM or SIGINT stops both Prism children and exits 0.
import { type ChildProcess, spawn } from "node:child_process";
import { once } from "node:events";
import { describe, expect, it } from "vitest";
import { isAlive } from "./global-setup.js";

const cli = new URL("../dist/src/mock/cli.js", import.meta.url).pathname;

async function startCli(args: string[], env: Record<string, string> = {}) {
  const child = spawn(process.execPath, [cli, ...args], { env: { ...process.env, ...env } });
  let out = "";
  child.stdout.on("data", (c) => (out += c));
  child.stderr.on("data", (c) => (out += c));
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no start in 20 s:\n${out}`)), 20_000);
    child.stdout.on("data", () => {
      if (out.includes("Ctrl-C to stop.")) {
        clearTimeout(timer);
        resolve();
      }
    });
    child.once("exit", () => reject(new Error(`exited early:\n${out}`)));
  });
  const url = (api: string) => new RegExp(`${api}\\s+(http://\\S+)\\s+\\(pid (\\d+)\\)`).exec(out);
  return { child, out: () => out, url };
}

async function stopWith(child: ChildProcess, signal: NodeJS.Signals) {
  const exited = once(child, "exit");
  child.kill(signal);
  const [code] = await exited;
  return code;
}

describe("payouts-mock", () => {
  it.each(["SIGTERM", "SIGINT"] as const)(
    "serves both APIs on loopback and stops on %s",
    async (signal) => {
      const { child, out, url } = await startCli(["--prolific-port", "0"], {
        REWARDS_MOCK_PORT: "0",
      });
      expect(out()).toMatch(/started in \d+ ms/);
      const prolific = url("prolific");
      const rewards = url("rewards");
      expect(prolific?.[1]).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      expect(rewards?.[1]).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);

      const answer = await fetch(`${rewards![1]}/api/v1/finance/rewards/bulk_update`, {
        method: "PATCH",
        headers: { authorization: "Bearer x", "content-type": "application/json" },
        body: JSON.stringify({ reward: { reward_ids: [499], state: "paid" } }),
      });
      expect(answer.status).toBe(200);
      expect((await answer.json()).rewards[0].bonus).toBe("10.0");

      const prismPids = [Number(prolific![2]), Number(rewards![2])];
      expect(prismPids.every(isAlive)).toBe(true);
      expect(await stopWith(child, signal)).toBe(0);
      expect(out()).toContain(`stopped on ${signal}`);
      expect(prismPids.filter(isAlive)).toEqual([]);
    },
  );

  it("refuses a bad port with a clear message", async () => {
    const child = spawn(process.execPath, [cli, "--rewards-port", "99999"]);
    let err = "";
    child.stderr.on("data", (c) => (err += c));
    const [code] = await once(child, "exit");
    expect(code).toBe(1);
    expect(err).toContain("--rewards-port must be a port number");
  });
});
