// Mock start-up as another team meets it. `startMocks()`: a fresh Node process imports
// it, starts both mocks and gets a correct first answer from each (mock-startup-probe.ts;
// times since that process started, and its spawn-to-exit wall time seen from here).
// `payouts-mock`: the CLI as a child process, timed from its spawn until it printed both
// URLs and until both mocks answered correctly, then stopped by its PID. `runs` processes
// one after another; medians.
import { execFile, spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import type { ApiName } from "../src/mock/index.js";
import { firstAnswers } from "./first-answers.js";
import { stopByPid } from "./mocks.js";

type Mode = "static" | "dynamic" | "cli";

interface Run {
  listeningMs: number;
  readyMs: number;
  cpuMs?: number;
  filesLoaded?: number;
  wallMs?: number;
}

export interface StartupResult {
  mode: Mode;
  runs: number;
  listeningMs: number;
  readyMs: number;
  minReadyMs: number;
  maxReadyMs: number;
  cpuMs?: number;
  filesLoaded?: number;
  processWallMs?: number;
}

const probe = new URL("./mock-startup-probe.js", import.meta.url).pathname;
const cli = new URL("../src/mock/cli.js", import.meta.url).pathname;
const median = (values: number[]) => [...values].sort((a, b) => a - b)[values.length >> 1]!;

function probeOnce(mode: "static" | "dynamic"): Promise<Run> {
  const started = performance.now();
  return new Promise((resolve, reject) =>
    execFile(process.execPath, [probe, mode], { timeout: 60_000 }, (error, stdout, stderr) => {
      if (error) return reject(new Error(`start-up probe failed: ${stderr || error.message}`));
      const wallMs = Math.round(performance.now() - started);
      resolve({ ...(JSON.parse(stdout) as Run), wallMs });
    }),
  );
}

/** User + system CPU time of a live child, from /proc (Linux); undefined elsewhere. */
function cpuMsOf(pid: number): number | undefined {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]!.split(" ");
    // utime and stime, fields 14 and 15 of stat, in clock ticks (100 a second on Linux).
    return (Number(fields[11]) + Number(fields[12])) * 10;
  } catch {
    return undefined;
  }
}

async function cliOnce(): Promise<Run> {
  const started = performance.now();
  const args = [cli, "--prolific-port", "0", "--rewards-port", "0"];
  const child = spawn(process.execPath, args, { stdio: ["ignore", "pipe", "inherit"] });
  try {
    const urls = await new Promise<Record<ApiName, string>>((resolve, reject) => {
      let output = "";
      child.stdout!.on("data", (chunk: Buffer) => {
        output += chunk;
        const prolific = /^\s+prolific\s+(http\S+)$/m.exec(output)?.[1];
        const rewards = /^\s+rewards\s+(http\S+)$/m.exec(output)?.[1];
        if (prolific && rewards) resolve({ prolific, rewards });
      });
      child.once("exit", (code) => reject(new Error(`payouts-mock exited (${code}): ${output}`)));
    });
    const listeningMs = Math.round(performance.now() - started);
    await firstAnswers(urls, false);
    const readyMs = Math.round(performance.now() - started);
    return { listeningMs, readyMs, cpuMs: cpuMsOf(child.pid!) };
  } finally {
    await stopByPid(child);
  }
}

export async function measureMockStartup(runs: number, mode: Mode): Promise<StartupResult> {
  const results: Run[] = [];
  for (let i = 0; i < runs; i++) results.push(await (mode === "cli" ? cliOnce() : probeOnce(mode)));
  const of = (key: keyof Run) => {
    const values = results.map((r) => r[key]).filter((v) => v !== undefined);
    return values.length === results.length ? median(values) : undefined;
  };
  const ready = results.map((r) => r.readyMs);
  return {
    mode,
    runs,
    listeningMs: of("listeningMs")!,
    readyMs: of("readyMs")!,
    minReadyMs: Math.min(...ready),
    maxReadyMs: Math.max(...ready),
    cpuMs: of("cpuMs"),
    filesLoaded: of("filesLoaded"),
    processWallMs: of("wallMs"),
  };
}
