// The mocks (startMocks(), the public API) against the `prism mock` CLI they replace:
// start-up time, then throughput and latency at 20 connections, rounds alternating.
import { type ChildProcess, execFile, spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { promisify } from "node:util";
import { specFile, startMocks } from "../src/mock/index.js";
import { SEED_MARK_BODY } from "./local-server.js";

export interface LoadResult {
  requests: number;
  non2xx: number;
  reqPerSec: number;
  p50Ms: number;
  p99Ms: number;
}

type Server = "startMocks()" | "prism mock (CLI)";

const CONNECTIONS = 20;
const MARK = "/api/v1/finance/rewards/bulk_update";
const LISTENING = /Prism is listening on (http:\/\/\S+)/;

/** Starts the Prism CLI on the rewards spec; resolves with its URL and a stop by PID. */
async function startPrismCli() {
  const require = createRequire(import.meta.url);
  const manifest = require.resolve("@stoplight/prism-cli/package.json");
  const { bin } = JSON.parse(readFileSync(manifest, "utf8")) as { bin: { prism: string } };
  const args = [join(dirname(manifest), bin.prism), "mock", specFile("rewards")];
  const started = performance.now();
  const child = spawn(process.execPath, [...args, "--host", "127.0.0.1", "--port", "0"], {
    stdio: ["ignore", "pipe", "pipe"],
  });
  const url = await new Promise<string>((resolve, reject) => {
    let output = "";
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const found = LISTENING.exec(output);
      if (found) resolve(found[1]!);
    };
    child.stdout!.on("data", onData);
    child.stderr!.on("data", onData);
    child.once("exit", (code) =>
      reject(new Error(`prism exited (${code}) before listening:\n${output}`)),
    );
  });
  child.stdout!.resume();
  child.stderr!.resume();
  return { url, startupMs: Math.round(performance.now() - started), stop: () => stopByPid(child) };
}

export function stopByPid(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once("exit", () => resolve());
    process.kill(child.pid!, "SIGTERM");
  });
}

async function load(url: string, durationMs: number): Promise<LoadResult> {
  const plan = {
    url,
    method: "PATCH",
    path: MARK,
    headers: { "content-type": "application/json", authorization: "Bearer bench.jwt.token" },
    body: JSON.stringify(SEED_MARK_BODY),
    connections: CONNECTIONS,
    warmupMs: 500,
    durationMs,
  };
  const script = new URL("./load-generator.js", import.meta.url).pathname;
  const { stdout } = await promisify(execFile)(process.execPath, [script, JSON.stringify(plan)]);
  return JSON.parse(stdout) as LoadResult;
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[values.length >> 1]!;

export async function measureMocks(rounds: number, durationMs: number) {
  const startup: Record<Server, number[]> = { "startMocks()": [], "prism mock (CLI)": [] };
  const results: Record<Server, LoadResult[]> = { "startMocks()": [], "prism mock (CLI)": [] };
  for (let round = 0; round < rounds; round++) {
    // Alternate which one goes first, so neither always meets a warmer machine.
    const order: Server[] =
      round % 2 ? ["prism mock (CLI)", "startMocks()"] : ["startMocks()", "prism mock (CLI)"];
    for (const server of order) {
      if (server === "startMocks()") {
        // Its start-up in this process is warm after the first round: the fresh-process
        // figure is measureMockStartup's (mock-startup.ts).
        const mocks = await startMocks();
        try {
          results[server].push(await load(mocks.urls.rewards, durationMs));
        } finally {
          await mocks.stop();
        }
      } else {
        const prism = await startPrismCli();
        try {
          startup[server].push(prism.startupMs);
          results[server].push(await load(prism.url, durationMs));
        } finally {
          await prism.stop();
        }
      }
    }
  }
  return (Object.keys(results) as Server[]).map((server) => ({
    server,
    /** Spawn to "listening" for the CLI; undefined for startMocks() (see mock-startup.ts). */
    startupMs: startup[server].length ? median(startup[server]) : undefined,
    reqPerSec: median(results[server].map((r) => r.reqPerSec)),
    p50Ms: median(results[server].map((r) => r.p50Ms)),
    p99Ms: median(results[server].map((r) => r.p99Ms)),
    requests: results[server].reduce((n, r) => n + r.requests, 0),
    non2xx: results[server].reduce((n, r) => n + r.non2xx, 0),
  }));
}
