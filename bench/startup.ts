// `npm run bench:startup`: only the mocks' start-up from a fresh process (startMocks()
// static and dynamic, and the payouts-mock CLI), printed with the load average. Writes
// nothing (`npm run bench` measures it too and writes it with the rest).
// BENCH_STARTUP_RUNS (default 9).
import { loadavg } from "node:os";
import { measureMockStartup } from "./mock-startup.js";

const runs = Number(process.env.BENCH_STARTUP_RUNS ?? 9);
if (!Number.isInteger(runs) || runs < 1) throw new Error("BENCH_STARTUP_RUNS must be >= 1");
const before = loadavg()[0]!;
const rows = [];
for (const mode of ["static", "dynamic", "cli"] as const)
  rows.push(await measureMockStartup(runs, mode));
console.table(rows);
console.log(
  `Node ${process.version}, load average ${before.toFixed(2)} → ${loadavg()[0]!.toFixed(2)}`,
);
