import { type ChildProcess, spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";

const PRISM_VERSION = "5.14.2";
const LISTENING = /Prism is listening on (http:\/\/\S+)/;

/** Path of the Prism CLI's entry script, or a clear error when it is not installed. */
export function resolvePrismCli(): string {
  const require = createRequire(import.meta.url);
  let manifest: string;
  try {
    manifest = require.resolve("@stoplight/prism-cli/package.json");
  } catch {
    throw new Error(
      "The mocks need Prism, an optional peer dependency of payouts-api. Install it with:\n" +
        `  npm install --save-dev --save-exact @stoplight/prism-cli@${PRISM_VERSION}`,
    );
  }
  const { bin } = JSON.parse(readFileSync(manifest, "utf8")) as { bin: { prism: string } };
  return join(dirname(manifest), bin.prism);
}

export interface PrismProcess {
  url: string;
  pid: number;
  /** Milliseconds from spawn to "Prism is listening". */
  startupMs: number;
  /** Everything Prism printed so far. */
  log(): string;
  /** Stops Prism by its PID (SIGTERM, then SIGKILL after a grace period). */
  stop(): Promise<void>;
}

export interface StartPrismOptions {
  /** "mock" serves the spec; "proxy" forwards to `upstream` and checks both ways. */
  mode: "mock" | "proxy";
  spec: string;
  host: string;
  /** 0 lets the system pick a free port. */
  port: number;
  upstream?: string;
  /** Extra CLI flags (e.g. --dynamic, --seed, --errors). */
  flags?: string[];
  /** How long to wait for "Prism is listening". */
  startTimeoutMs: number;
}

/** Spawns one Prism CLI and resolves once it listens; rejects with its log otherwise. */
export function startPrism(options: StartPrismOptions): Promise<PrismProcess> {
  const { mode, spec, host, port, upstream, flags = [], startTimeoutMs } = options;
  const args = [resolvePrismCli(), mode, spec, ...(upstream ? [upstream] : [])];
  args.push("--host", host, "--port", String(port), ...flags);
  const started = performance.now();
  const child = spawn(process.execPath, args, { stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  const log = () => output;
  const stop = () => stopChild(child);

  return new Promise((resolve, reject) => {
    // Only the first cause counts: stopping Prism after the timeout fires its exit event,
    // which must not replace "did not listen" with "exited with code null".
    let failed = false;
    const fail = (why: string) => {
      if (failed) return;
      failed = true;
      clearTimeout(timer);
      child.off("exit", onEarlyExit);
      void stop().then(() =>
        reject(new Error(`Prism ${mode} ${spec} ${why}. Its log:\n${output}`)),
      );
    };
    const timer = setTimeout(
      () => fail(`did not listen within ${startTimeoutMs} ms`),
      startTimeoutMs,
    );
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = LISTENING.exec(output);
      if (match?.[1] && child.pid !== undefined) {
        clearTimeout(timer);
        child.off("exit", onEarlyExit);
        const startupMs = Math.round(performance.now() - started);
        resolve({ url: match[1], pid: child.pid, startupMs, log, stop });
      }
    };
    const onEarlyExit = (code: number | null) => fail(`exited with code ${code} before listening`);
    child.stdout.on("data", onData);
    child.stderr.on("data", onData);
    child.once("exit", onEarlyExit);
    child.once("error", (error) => fail(`could not start: ${error.message}`));
  });
}

const GRACE_MS = 3000;

function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null || child.pid === undefined) {
    return Promise.resolve();
  }
  return new Promise((resolve) => {
    const kill = setTimeout(() => child.kill("SIGKILL"), GRACE_MS);
    child.once("exit", () => {
      clearTimeout(kill);
      resolve();
    });
    child.kill("SIGTERM");
  });
}
