import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { type PrismProcess, startPrism } from "../verify/prism-process.js";

export const APIS = ["prolific", "rewards"] as const;
export type ApiName = (typeof APIS)[number];

// The package's own root, found by self-reference so it is the same from src/ and dist/.
const packageRoot = dirname(createRequire(import.meta.url).resolve("payouts-api/package.json"));

/** Path of a shipped spec. */
export const specFile = (api: ApiName): string => join(packageRoot, "specs", `${api}.openapi.yaml`);

export interface StartMocksOptions {
  /** Address to listen on. Default "127.0.0.1" (loopback only). */
  host?: string;
  /** Port per API. Default 0: a free port chosen by the system. */
  ports?: Partial<Record<ApiName, number>>;
  /**
   * Answer with data generated from the schemas instead of the specs' examples.
   * Default false (static examples).
   */
  dynamic?: boolean;
  /** Seed for dynamic mode, so generated data repeats run after run. Default "payouts". */
  seed?: string;
  /** How long to wait for each Prism to listen, in ms. Default 20 000. */
  startTimeoutMs?: number;
}

export interface RunningMocks {
  /** Base URL of each mock, e.g. { prolific: "http://127.0.0.1:41234", … }. */
  urls: Record<ApiName, string>;
  /** PID of each Prism process. */
  pids: Record<ApiName, number>;
  /** Milliseconds until both mocks listened. */
  startupMs: number;
  /** Everything each Prism printed. */
  logs(): Record<ApiName, string>;
  /** Stops both Prism processes by PID; resolves when they have exited. */
  stop(): Promise<void>;
}

/** Starts one Prism mock per spec, in parallel, and resolves once both listen. */
export async function startMocks(options: StartMocksOptions = {}): Promise<RunningMocks> {
  const { host = "127.0.0.1", ports = {}, dynamic = false, seed = "payouts" } = options;
  const startTimeoutMs = options.startTimeoutMs ?? 20_000;
  const flags = dynamic ? ["--dynamic", "--seed", seed] : [];
  const started = performance.now();
  const results = await Promise.allSettled(
    APIS.map((api) =>
      startPrism({
        mode: "mock",
        spec: specFile(api),
        host,
        port: ports[api] ?? 0,
        flags,
        startTimeoutMs,
      }),
    ),
  );
  const running = results.flatMap((r) => (r.status === "fulfilled" ? [r.value] : []));
  const failure = results.find((r) => r.status === "rejected");
  if (failure) {
    await Promise.all(running.map((p) => p.stop()));
    throw failure.reason;
  }
  const [prolific, rewards] = running as [PrismProcess, PrismProcess];
  return {
    urls: { prolific: prolific.url, rewards: rewards.url },
    pids: { prolific: prolific.pid, rewards: rewards.pid },
    startupMs: Math.round(performance.now() - started),
    logs: () => ({ prolific: prolific.log(), rewards: rewards.log() }),
    stop: async () => {
      await Promise.all([prolific.stop(), rewards.stop()]);
    },
  };
}
