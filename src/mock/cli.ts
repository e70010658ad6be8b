#!/usr/bin/env node
// payouts-mock: both mocks in this one process until Ctrl-C, SIGTERM or SIGHUP.
import Module from "node:module";
import { parseArgs } from "node:util";
import { FAULTS } from "./faults.js";
import { APIS, startMocks } from "./start-mocks.js";

const HELP = `Usage: payouts-mock [options]

Starts stateful mocks of the Prolific and DRVN rewards APIs (Stoplight Prism's engine,
in this process), each with a request journal and armed faults under /__mock/.

Options (environment variable in brackets):
  --host <address>          listen address, default 127.0.0.1 (loopback only) [PAYOUTS_MOCK_HOST]
  --prolific-port <n>       default 4010; 0 picks a free port               [PROLIFIC_MOCK_PORT]
  --rewards-port <n>        default 4011; 0 picks a free port               [REWARDS_MOCK_PORT]
  --dynamic                 answer with data generated from the schemas (stateless)
  --seed <text>             seed of --dynamic, default "payouts" (same seed, same data)
  --require-sign-in         DRVN accepts only unexpired tokens its own sign_in issued
  --token-lifetime <s>      lifetime of those tokens in seconds, default 2592000 (30 days)
  --pay-delay-ms <n>        delay before a pay shows in bonus_payments, default 0
  -h, --help                show this help`;

class UsageError extends Error {}

function integer(value: string | undefined, fallback: number, name: string, max: number): number {
  if (value === undefined || value === "") return fallback;
  const n = Number(value);
  if (!/^\d+$/.test(value) || n > max)
    throw new UsageError(`${name} must be an integer 0..${max}, not "${value}"`);
  return n;
}

function readOptions() {
  let parsed: ReturnType<typeof parse>;
  try {
    parsed = parse();
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  const { values } = parsed;
  if (values.seed !== undefined && !values.dynamic)
    throw new UsageError(
      "--seed only applies with --dynamic (answers are the specs' examples otherwise)",
    );
  const env = process.env;
  return {
    help: values.help,
    host: values.host ?? env.PAYOUTS_MOCK_HOST ?? "127.0.0.1",
    ports: {
      prolific: integer(
        values["prolific-port"] ?? env.PROLIFIC_MOCK_PORT,
        4010,
        "--prolific-port",
        65_535,
      ),
      rewards: integer(
        values["rewards-port"] ?? env.REWARDS_MOCK_PORT,
        4011,
        "--rewards-port",
        65_535,
      ),
    },
    dynamic: values.dynamic,
    seed: values.seed,
    requireSignIn: values["require-sign-in"],
    tokenLifetimeSeconds: integer(
      values["token-lifetime"],
      30 * 24 * 3600,
      "--token-lifetime",
      2 ** 31,
    ),
    payDelayMs: integer(values["pay-delay-ms"], 0, "--pay-delay-ms", 3_600_000),
  };
}

const parse = () =>
  parseArgs({
    options: {
      host: { type: "string" },
      "prolific-port": { type: "string" },
      "rewards-port": { type: "string" },
      dynamic: { type: "boolean", default: false },
      seed: { type: "string" },
      "require-sign-in": { type: "boolean", default: false },
      "token-lifetime": { type: "string" },
      "pay-delay-ms": { type: "string" },
      help: { type: "boolean", short: "h", default: false },
    },
  });

const LOOPBACK = /^(127\.\d+\.\d+\.\d+|::1|localhost)$/;

// Node 22.1+ can keep the V8 code it compiles for modules (here mostly Prism's) in a cache
// of its own, checked against each file's content, so the next start compiles less: in
// os.tmpdir()/node-compile-cache or NODE_COMPILE_CACHE; NODE_DISABLE_COMPILE_CACHE=1 turns
// it off. This is the command's own process; startMocks() leaves that choice to its host.
const enableCompileCache = (Module as { enableCompileCache?: () => unknown }).enableCompileCache;

async function main(): Promise<void> {
  const { help, ...options } = readOptions();
  if (help) return console.log(HELP);
  enableCompileCache?.();
  if (!LOOPBACK.test(options.host))
    console.error(
      `payouts-mock: WARNING: listening on ${options.host}, not loopback: anyone who can reach this machine can read the journal and arm faults`,
    );
  const mocks = await startMocks(options).catch((error: NodeJS.ErrnoException) => {
    if (error.code !== "EADDRINUSE") throw error;
    const { port } = error as unknown as { port: number };
    throw new UsageError(
      `port ${port} on ${options.host} is in use (choose another with --prolific-port / --rewards-port, or 0 for a free one)`,
    );
  });
  // Stoppable before it says it is up: a supervisor may signal as soon as it reads that.
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    await mocks.stop();
    console.log(`payouts-mock: stopped on ${signal}`);
    process.exit(0);
  };
  for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"] as const)
    process.on(signal, () => void stop(signal));
  console.log(
    `payouts-mock: mocks listening, started in ${Math.round(performance.now())} ms (since the process started), pid ${process.pid}${options.dynamic ? " (dynamic, stateless)" : ""}`,
  );
  for (const api of APIS) console.log(`  ${api.padEnd(9)} ${mocks.urls[api]}`);
  console.log(`Control surface on each port (see README "Mocks for other teams"):
  GET /__mock/requests   DELETE /__mock/requests   POST /__mock/reset   GET /__mock/state
  POST /__mock/faults {"operationId", "fault", "times"}   faults: ${FAULTS.join(", ")}
Ctrl-C (or kill ${process.pid}) to stop.`);
}

main().catch((error: unknown) => {
  const message = error instanceof Error ? error.message : String(error);
  console.error(`payouts-mock: ${message}${error instanceof UsageError ? " (see --help)" : ""}`);
  process.exit(error instanceof UsageError ? 2 : 1);
});
