// The memory and file ledgers, for tests that run the same case against both: each file
// ledger in a temporary directory of its own, removed (with whatever else the test hands
// to `cleanup`) after each test.
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach } from "vitest";
import { fileLedger, memoryLedger, type PayLedger } from "../../src/index.js";

export function useLocalLedgers(prefix: string) {
  const cleanups: Array<() => Promise<unknown>> = [];
  afterEach(async () => {
    for (const c of cleanups.splice(0)) await c();
  });
  const cleanup = (c: () => Promise<unknown>) => void cleanups.push(c);
  const tempDir = async () => {
    const dir = await mkdtemp(join(tmpdir(), prefix));
    cleanup(() => rm(dir, { recursive: true, force: true }));
    return dir;
  };
  const stores: Array<[string, () => Promise<PayLedger>]> = [
    ["memory", async () => memoryLedger()],
    ["file", async () => fileLedger(await tempDir())],
  ];
  return { stores, tempDir, cleanup };
}
