#!/usr/bin/env node
// payouts-mock: Prism mocks of both APIs until Ctrl-C or SIGTERM.
import { parseArgs } from "node:util";
import { type ApiName, startMocks } from "./start-mocks.js";

const HELP = `Usage: payouts-mock [options]

Starts Stoplight Prism mocks of the Prolific and DRVN rewards specs.

Options (environment variable in brackets):
  --host <address>        listen address, default 127.0.0.1 (loopback only) [PAYOUTS_MOCK_HOST]
  --prolific-port <n>     default 4010; 0 picks a free port               [PROLIFIC_MOCK_PORT]
  --rewards-port <n>      default 4011; 0 picks a free port               [REWARDS_MOCK_PORT]
  --dynamic               answer with data generated from the schemas
  --seed <text>           seed of --dynamic, default "payouts" (same seed, same data)
  -h, --help              show this help`;

function port(value: string | undefined, fallback: number, name: string): number {
  if (value === undefined || value === "") return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0 || n > 65_535)
    throw new Error(`${name} must be a port number 0..65535`);
  return n;
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      host: { type: "string" },
      "prolific-port": { type: "string" },
      "rewards-port": { type: "string" },
      dynamic: { type: "boolean", default: false },
      seed: { type: "string" },
      help: { type: "boolean", short: "h", default: false },
    },
  });
  if (values.help) {
    console.log(HELP);
    return;
  }
  const env = process.env;
  const mocks = await startMocks({
    host: values.host ?? env.PAYOUTS_MOCK_HOST ?? "127.0.0.1",
    ports: {
      prolific: port(values["prolific-port"] ?? env.PROLIFIC_MOCK_PORT, 4010, "--prolific-port"),
      rewards: port(values["rewards-port"] ?? env.REWARDS_MOCK_PORT, 4011, "--rewards-port"),
    },
    dynamic: values.dynamic,
    seed: values.seed,
  });
  console.log(`payouts-mock: Prism mocks listening, started in ${mocks.startupMs} ms`);
  for (const api of Object.keys(mocks.urls) as ApiName[]) {
    console.log(`  ${api.padEnd(9)} ${mocks.urls[api]}  (pid ${mocks.pids[api]})`);
  }
  console.log("Ctrl-C to stop.");

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    await mocks.stop();
    console.log(`payouts-mock: stopped on ${signal}`);
    process.exit(0);
  };
  process.on("SIGINT", () => void stop("SIGINT"));
  process.on("SIGTERM", () => void stop("SIGTERM"));
}

main().catch((error: unknown) => {
  console.error(`payouts-mock: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
