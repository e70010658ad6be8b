// Starts one Prism mock per spec for the whole contract suite, and builds dist/ for
// the tests that run the package as shipped (CLI, tarball), both at once. Stops each
// Prism by PID at the end, failing the run if either outlives it.
import { execFile } from "node:child_process";
import { promisify } from "node:util";
import type { TestProject } from "vitest/node";
import { type ApiName, startMocks } from "../src/mock/index.js";

declare module "vitest" {
  export interface ProvidedContext {
    mocks: { urls: Record<ApiName, string>; pids: Record<ApiName, number>; startupMs: number };
  }
}

const root = new URL("..", import.meta.url).pathname;

export const isAlive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

export default async function setup(project: TestProject) {
  const build = promisify(execFile)("npm", ["run", "build", "--silent"], { cwd: root });
  const [mocks] = await Promise.all([startMocks(), build]);
  const { urls, pids, startupMs } = mocks;
  console.log(`Prism mocks listening after ${startupMs} ms: ${urls.prolific} ${urls.rewards}`);
  project.provide("mocks", { urls, pids, startupMs });
  return async () => {
    await mocks.stop();
    const left = Object.values(pids).filter(isAlive);
    if (left.length > 0) throw new Error(`Prism processes outlived the run: ${left.join(", ")}`);
  };
}
