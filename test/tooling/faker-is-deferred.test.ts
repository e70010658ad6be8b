// The mocks defer loading faker (over half of Prism's engine load time) until a dynamic
// answer needs it; dynamic answers are the same as with faker loaded up front.
import { execFile } from "node:child_process";
import { describe, expect, it } from "vitest";

const file = new URL("./faker-probe.mjs", import.meta.url).pathname;

async function probe(env: Record<string, string> = {}) {
  const stdout = await new Promise<string>((resolve, reject) =>
    execFile(
      process.execPath,
      [file],
      { env: { ...process.env, ...env }, timeout: 60_000 },
      (e, out) => (e ? reject(e) : resolve(out)),
    ),
  );
  return JSON.parse(stdout.trim().split("\n").at(-1) ?? "");
}

describe("faker is loaded only when a dynamic answer needs it", () => {
  it("static mocks load none of faker; dynamic ones load it and answer as with faker up front", async () => {
    const [deferred, upFront] = await Promise.all([probe(), probe({ PRELOAD_FAKER: "1" })]);
    expect(deferred.afterStatic).toBe(false);
    expect(upFront.afterStatic).toBe(true);
    expect(deferred.status).toBe(200);
    expect(deferred.body.rewards.length).toBeGreaterThan(0);
    expect(deferred.body).toEqual(upFront.body);
  }, 90_000);
});
