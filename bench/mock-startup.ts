// Mock start-up as another team meets it: a fresh Node process that imports
// startMocks(), starts both mocks and gets a correct first answer from each. Run
// `runs` times one after another; medians of each figure, and the spawn-to-exit wall
// time seen from here (which adds Node's own start and exit).
import { execFile } from "node:child_process";

export interface StartupRun {
  listeningMs: number;
  readyMs: number;
  cpuMs: number;
  filesLoaded: number;
}

export interface StartupResult extends StartupRun {
  mode: "static" | "dynamic";
  runs: number;
  minReadyMs: number;
  maxReadyMs: number;
  processWallMs: number;
}

const probe = new URL("./mock-startup-probe.js", import.meta.url).pathname;
const median = (values: number[]) => [...values].sort((a, b) => a - b)[values.length >> 1]!;

function once(mode: StartupResult["mode"]): Promise<StartupRun & { wallMs: number }> {
  const started = performance.now();
  return new Promise((resolve, reject) =>
    execFile(process.execPath, [probe, mode], { timeout: 60_000 }, (error, stdout, stderr) => {
      if (error) return reject(new Error(`start-up probe failed: ${stderr || error.message}`));
      const wallMs = Math.round(performance.now() - started);
      resolve({ ...(JSON.parse(stdout) as StartupRun), wallMs });
    }),
  );
}

export async function measureMockStartup(runs: number, mode: StartupResult["mode"] = "static") {
  const results: Array<StartupRun & { wallMs: number }> = [];
  for (let i = 0; i < runs; i++) results.push(await once(mode));
  const of = (key: keyof StartupRun | "wallMs") => results.map((r) => r[key]);
  return {
    mode,
    runs,
    listeningMs: median(of("listeningMs")),
    readyMs: median(of("readyMs")),
    minReadyMs: Math.min(...of("readyMs")),
    maxReadyMs: Math.max(...of("readyMs")),
    cpuMs: median(of("cpuMs")),
    filesLoaded: median(of("filesLoaded")),
    processWallMs: median(of("wallMs")),
  } satisfies StartupResult;
}
