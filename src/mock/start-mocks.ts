// startMocks(): both mocks in this process (Prism's engine behind node:http), with their
// state, journal and faults, ready in well under a second. Nothing outlives the process.

import { createRequire } from "node:module";
import type { AddressInfo } from "node:net";
import { dirname, join } from "node:path";
import { createEngine, type Engine } from "./engine.js";
import type { ArmFault, FaultName } from "./faults.js";
import type { JournalEntry, RequestFilter } from "./journal.js";
import { prolificState } from "./prolific-state.js";
import { rewardsState } from "./rewards-state.js";
import { createMockServer, type MockServer } from "./server.js";
import type { MockState } from "./state.js";
import { type Credentials, tokenIssuer } from "./tokens.js";

export const APIS = ["prolific", "rewards"] as const;
export type ApiName = (typeof APIS)[number];
export type { ArmFault, Credentials, FaultName, JournalEntry, RequestFilter };

// The package's own root, found by self-reference so it is the same from src/ and dist/.
const packageRoot = dirname(createRequire(import.meta.url).resolve("payouts-api/package.json"));

/** Path of a shipped spec. */
export const specFile = (api: ApiName): string => join(packageRoot, "specs", `${api}.openapi.yaml`);

/** The shipped spec, with its operations as Prism reads them, written by `npm run generate`. */
const engineSpec = (api: ApiName) => ({
  specFile: specFile(api),
  generatedFile: join(packageRoot, "generated", `${api}.operations.json`),
});

const THIRTY_DAYS = 30 * 24 * 3600;

export interface StartMocksOptions {
  /** Address to listen on. Default "127.0.0.1" (loopback only). */
  host?: string;
  /** Port per API. Default 0: a free port chosen by the system. */
  ports?: Partial<Record<ApiName, number>>;
  /** Answer with data generated from the schemas, statelessly. Default false (examples and state). */
  dynamic?: boolean;
  /** Seed for dynamic mode, so generated data repeats run after run. Default "payouts". */
  seed?: string;
  /** DRVN accepts only unexpired tokens its own sign_in issued. Default false (any Bearer token). */
  requireSignIn?: boolean;
  /** Lifetime of the tokens DRVN's sign_in issues, in seconds. Default 30 days (the vendor's). */
  tokenLifetimeSeconds?: number;
  /** Logins DRVN's sign_in accepts. Default the spec's example: finance@example.org / example-password. */
  credentials?: Credentials[];
  /** Delay before a paid bulk payment shows in the submissions' bonus_payments. Default 0. */
  payDelayMs?: number;
  /** How long the `slow-body` fault holds back the second half of an answer. Default 2000. */
  slowBodyMs?: number;
  /** Clock in ms since the epoch, for token expiry. Default Date.now. Inject one in tests. */
  now?: () => number;
}

export interface RequestsFilter extends RequestFilter {
  api?: ApiName;
}

export interface RunningMocks {
  /** Base URL of each mock, e.g. { prolific: "http://127.0.0.1:41234", … }. */
  urls: Record<ApiName, string>;
  /** Milliseconds until both mocks listened. */
  startupMs: number;
  /** The journal of both mocks, oldest first, each entry with its `api`. */
  requests(filter?: RequestsFilter): Array<JournalEntry & { api: ApiName }>;
  /** State, journal and armed faults of both mocks back to the start. */
  reset(): void;
  /** Arms a fault for the next `times` (default 1) requests to `operationId` (or "*" of `api`). */
  armFault(fault: ArmFault & { api?: ApiName }): void;
  /** What one mock remembers (bulk payments and submissions; rewards). */
  state(api: ApiName): unknown;
  /** Closes both servers and every open connection. */
  stop(): Promise<void>;
}

function listen(mock: MockServer, host: string, port: number): Promise<string> {
  return new Promise((resolve, reject) => {
    mock.server.once("error", reject);
    mock.server.listen(port, host, () => {
      mock.server.off("error", reject);
      const { address, port: bound } = mock.server.address() as AddressInfo;
      resolve(`http://${address.includes(":") ? `[${address}]` : address}:${bound}`);
    });
  });
}

export async function startMocks(options: StartMocksOptions = {}): Promise<RunningMocks> {
  const { host = "127.0.0.1", ports = {}, dynamic = false, seed = "payouts" } = options;
  const started = performance.now();
  const mode = dynamic ? { dynamic, seed } : { dynamic };
  const [prolific, rewards] = await Promise.all([
    createEngine(engineSpec("prolific"), mode),
    createEngine(engineSpec("rewards"), mode),
  ]);
  const engines: Record<ApiName, Engine> = { prolific, rewards };
  const tokens = tokenIssuer(options.tokenLifetimeSeconds ?? THIRTY_DAYS, options.now ?? Date.now);
  const slowBodyMs = options.slowBodyMs ?? 2000;
  const states: Record<ApiName, MockState | undefined> = dynamic
    ? { prolific: undefined, rewards: undefined }
    : {
        prolific: prolificState(prolific, { payDelayMs: options.payDelayMs }),
        rewards: rewardsState(rewards, { ...options, tokens }),
      };
  const mocks = {} as Record<ApiName, MockServer>;
  for (const api of APIS)
    mocks[api] = createMockServer({ engine: engines[api], state: states[api], slowBodyMs });
  const stop = async () => {
    await Promise.all(APIS.map((api) => mocks[api].close()));
  };
  const urls = {} as Record<ApiName, string>;
  try {
    await Promise.all(
      APIS.map(async (api) => {
        urls[api] = await listen(mocks[api], host, ports[api] ?? 0);
      }),
    );
  } catch (error) {
    await stop();
    throw error;
  }
  return {
    urls,
    startupMs: Math.round(performance.now() - started),
    requests: ({ api, ...filter } = {}) =>
      APIS.filter((a) => api === undefined || a === api)
        .flatMap((a) => mocks[a].journal.list(filter).map((entry) => ({ ...entry, api: a })))
        .sort((x, y) => x.time.localeCompare(y.time)),
    reset: () => {
      for (const api of APIS) {
        mocks[api].journal.clear();
        mocks[api].faults.clear();
        mocks[api].state?.reset();
      }
    },
    armFault: ({ api, operationId, fault, times = 1 }) => {
      const owner = api ?? APIS.find((a) => engines[a].operationIds.includes(operationId));
      if (!owner) throw new Error(`armFault: no operation ${operationId} (give api for "*")`);
      const armed = mocks[owner].faults.arm({ operationId, fault, times });
      if ("error" in armed) throw new Error(`armFault: ${armed.error}`);
    },
    state: (api) => mocks[api].state?.snapshot(),
    stop,
  };
}
