// startPrism's failures name their real cause: a start timeout is reported as one, not as
// the exit that stopping Prism causes, and nothing is left running.
import { execFileSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { expect, it } from "vitest";
import { startPrism } from "../src/mock/prism-process.js";

const spec = fileURLToPath(new URL("../specs/rewards.openapi.yaml", import.meta.url));

/** This process's child processes other than the `ps` asking (none: ps exits 1). */
function children(): string[] {
  try {
    const out = execFileSync("ps", ["-o", "pid=,comm=", "--ppid", String(process.pid)], {
      encoding: "utf8",
    });
    return out.split("\n").filter((line) => line.trim() && !/\sps$/.test(line));
  } catch {
    return [];
  }
}

it("a start that outlasts startTimeoutMs says so, and Prism is stopped", async () => {
  const before = children();
  const error = await startPrism({
    mode: "mock",
    spec,
    host: "127.0.0.1",
    port: 0,
    startTimeoutMs: 1, // Prism needs far longer than 1 ms to listen
  }).catch((e: Error) => e);
  expect(error).toBeInstanceOf(Error);
  expect((error as Error).message).toContain("did not listen within 1 ms");
  expect((error as Error).message).not.toContain("exited with code");
  expect(children()).toEqual(before);
});
