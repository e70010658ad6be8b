// Bundles a TypeScript entry into one .mjs with rolldown (the toolchain vitest already
// brings), once per test file, so child processes start as plain Node.
import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { dirname, join } from "node:path";
import { build } from "rolldown";

const root = new URL("../..", import.meta.url).pathname;
const bundles = new Map<string, Promise<string>>();

/** Path of the bundled `entry` (relative to the repository root). */
export function bundleEntry(entry: string): Promise<string> {
  let bundled = bundles.get(entry);
  if (!bundled) {
    bundled = (async () => {
      // Inside the repository, so the bundle's bare imports (openapi-fetch, pg) resolve.
      const cache = join(root, "node_modules", ".cache");
      mkdirSync(cache, { recursive: true }); // a fresh `npm ci` has no .cache yet
      const dir = mkdtempSync(join(cache, "payouts-test-"));
      const file = join(dir, "entry.mjs");
      await build({
        input: join(root, entry),
        platform: "node",
        external: (id) => !id.startsWith(".") && !id.startsWith("/"),
        resolve: { extensionAlias: { ".js": [".ts", ".js"] } },
        output: { file, format: "esm" },
        logLevel: "warn",
      });
      return file;
    })();
    bundles.set(entry, bundled);
  }
  return bundled;
}

/** Removes this file's bundles (call in afterAll). */
export async function removeBundles() {
  for (const bundled of bundles.values())
    rmSync(dirname(await bundled), { recursive: true, force: true });
  bundles.clear();
}
