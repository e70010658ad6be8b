// The tooling suites run the package as shipped (dist/: the CLIs, the tarball), so dist/ is
// built first; the tarball's programs talk to the mocks the contract suite also uses.
import { execFile } from "node:child_process";
import { promisify } from "node:util";
import type { TestProject } from "vitest/node";
import startSharedMocks from "../../contract-tests/global-setup.js";

const root = new URL("../..", import.meta.url).pathname;

export default async function setup(project: TestProject) {
  const build = promisify(execFile)("npm", ["run", "build", "--silent"], { cwd: root });
  const stop = await startSharedMocks(project);
  try {
    await build;
  } catch (error) {
    await stop();
    throw error;
  }
  return stop;
}
