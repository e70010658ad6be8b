// `npm run bench:startup`: only the mocks' start-up from a fresh process (static and
// dynamic), printed with the load average; writes nothing. BENCH_STARTUP_RUNS (default 9).
import { loadavg } from "node:os";
import { measureMockStartup } from "./mock-startup.js";

const runs = Number(process.env.BENCH_STARTUP_RUNS ?? 9);
if (!Number.isInteger(runs) || runs < 1) throw new Error("BENCH_STARTUP_RUNS must be >= 1");
const before = loadavg()[0]!;
const rows = [await measureMockStartup(runs, "static"), await measureMockStartup(runs, "dynamic")];
console.table(rows);
console.log(
  `Node ${process.version}, load average ${before.toFixed(2)} → ${loadavg()[0]!.toFixed(2)}`,
);
