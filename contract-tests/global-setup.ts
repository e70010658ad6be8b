// Starts both mocks (in this process: Prism's engine behind node:http) for the whole
// contract suite, and builds dist/ for the tests that run the package as shipped (CLI,
// tarball), both at once. Tests that change or inspect state start their own mocks.
import { execFile } from "node:child_process";
import { promisify } from "node:util";
import type { TestProject } from "vitest/node";
import { type ApiName, startMocks } from "../src/mock/index.js";

declare module "vitest" {
  export interface ProvidedContext {
    mocks: { urls: Record<ApiName, string>; startupMs: number };
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
  const { urls, startupMs } = mocks;
  console.log(`Mocks listening after ${startupMs} ms: ${urls.prolific} ${urls.rewards}`);
  project.provide("mocks", { urls, startupMs });
  return () => mocks.stop();
}
