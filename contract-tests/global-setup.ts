// Starts both mocks (in this process: Prism's engine behind node:http) for the whole
// contract suite. Tests that change or inspect state start their own mocks.
import type { TestProject } from "vitest/node";
import { type ApiName, startMocks } from "../src/mock/index.js";

declare module "vitest" {
  export interface ProvidedContext {
    mocks: { urls: Record<ApiName, string>; startupMs: number };
  }
}

export default async function setup(project: TestProject) {
  const mocks = await startMocks();
  const { urls, startupMs } = mocks;
  console.log(`Mocks listening after ${startupMs} ms: ${urls.prolific} ${urls.rewards}`);
  project.provide("mocks", { urls, startupMs });
  return () => mocks.stop();
}
