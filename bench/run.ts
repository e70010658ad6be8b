// `npm run bench`: one run, interleaved rounds; prints the tables and writes
// bench/results.json, bench/results.md and the README's table.
// Settings: BENCH_ROUNDS (default 15), BENCH_CALLS (calls per variant per round, 200),
// BENCH_LOAD_ROUNDS (2 per server), BENCH_LOAD_MS (3000 per load round),
// BENCH_STARTUP_RUNS (fresh processes per mode for the mocks' start-up, 9);
// BENCH_ONLY=client prints the client table alone and writes nothing (for profiling work);
// with it, BENCH_GROUPS picks call groups by name, comma-separated (e.g.
// BENCH_GROUPS="PATCH mark,POST pay"), and BENCH_SKIP leaves variants out by name (e.g.
// BENCH_SKIP="payBonuses (file ledger)"): a quick run of the client-overhead part alone.
import { readFileSync, writeFileSync } from "node:fs";
import { cpus, loadavg } from "node:os";
import { measureClientOverhead } from "./client-overhead.js";
import { measureMockStartup } from "./mock-startup.js";
import { measureMocks } from "./mocks.js";
import { toMarkdown } from "./report.js";

const setting = (name: string, fallback: number) => {
  const value = Number(process.env[name] ?? fallback);
  if (!Number.isInteger(value) || value < 1) throw new Error(`${name} must be a whole number >= 1`);
  return value;
};

const root = new URL("../../", import.meta.url);
const settings = {
  rounds: setting("BENCH_ROUNDS", 15),
  callsPerRound: setting("BENCH_CALLS", 200),
  loadRounds: setting("BENCH_LOAD_ROUNDS", 2),
  loadMs: setting("BENCH_LOAD_MS", 3000),
  startupRuns: setting("BENCH_STARTUP_RUNS", 9),
};

const loadBefore = loadavg()[0]!;
const only = process.env.BENCH_ONLY === "client";
const list = (name: string) =>
  only && process.env[name] ? process.env[name].split(",").map((s) => s.trim()) : undefined;
const overhead = await measureClientOverhead(
  settings.rounds,
  settings.callsPerRound,
  list("BENCH_GROUPS"),
  list("BENCH_SKIP"),
);
if (only) {
  console.table(overhead.rows);
  process.exit(0);
}
const mockStartup = [
  await measureMockStartup(settings.startupRuns, "static"),
  await measureMockStartup(settings.startupRuns, "dynamic"),
  await measureMockStartup(settings.startupRuns, "cli"),
];
const mocks = await measureMocks(settings.loadRounds, settings.loadMs);
const results = {
  date: new Date().toISOString(),
  node: process.version,
  cpus: `${cpus().length} × ${cpus()[0]?.model ?? "unknown"}`,
  loadAverage: { before: loadBefore, after: loadavg()[0]! },
  settings,
  clientOverhead: overhead.rows,
  requestsSeenByLocalServer: overhead.requestsSeen,
  mockStartup,
  mocks,
};
const markdown = toMarkdown(results);
writeFileSync(new URL("bench/results.json", root), `${JSON.stringify(results, null, 2)}\n`);
writeFileSync(new URL("bench/results.md", root), markdown);
const readme = new URL("README.md", root);
const text = readFileSync(readme, "utf8");
const block = /<!-- bench:start -->[\s\S]*<!-- bench:end -->/;
if (block.test(text)) {
  writeFileSync(readme, text.replace(block, `<!-- bench:start -->\n${markdown}<!-- bench:end -->`));
}
console.log(markdown);
