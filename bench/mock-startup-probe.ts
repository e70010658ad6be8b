// One fresh process: start both mocks, then ask each for a known answer and check it.
// Prints one JSON line: milliseconds since this process started (Node's time origin)
// until both mocks listened and until both had answered correctly, the CPU time spent
// by then, and how many CommonJS files were loaded. Run by mock-startup.ts, never alone
// in a measurement (its parent runs it several times and takes medians).
import { createRequire } from "node:module";
import { startMocks } from "../src/mock/index.js";
import { firstAnswers } from "./first-answers.js";

const dynamic = process.argv[2] === "dynamic";
const mocks = await startMocks({ dynamic });
const listeningMs = performance.now();
await firstAnswers(mocks.urls, dynamic);
const readyMs = performance.now();
const cpu = process.cpuUsage();
await mocks.stop();
console.log(
  JSON.stringify({
    listeningMs: Math.round(listeningMs),
    readyMs: Math.round(readyMs),
    cpuMs: Math.round((cpu.user + cpu.system) / 1000),
    filesLoaded: Object.keys(createRequire(import.meta.url).cache).length,
  }),
);
