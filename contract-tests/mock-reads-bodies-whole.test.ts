// The mock reads a request body as bytes and decodes it once: before, each chunk was
// decoded on its own, so a character split across two chunks (any body over 64 KiB with
// non-ASCII text) reached the engine, the state and the journal as U+FFFD garbage. The
// 1 MiB cap counts bytes, not characters, and a body over it is a 413.
import { request } from "node:http";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { type RunningMocks, startMocks } from "../src/mock/index.js";

let mocks: RunningMocks;
beforeAll(async () => {
  mocks = await startMocks();
});
afterAll(() => mocks.stop());
beforeEach(() => mocks.reset());

/** POSTs `parts` as separate writes, so chunk boundaries fall where the test puts them. */
function postInParts(url: string, parts: Buffer[]): Promise<number> {
  return new Promise((resolve, reject) => {
    // A connection of its own: one the mock closed after a 413 must not be reused.
    const req = request(url, {
      method: "POST",
      agent: false,
      headers: { "content-type": "application/json" },
    });
    req.on("response", (res) => {
      res.resume();
      res.on("end", () => resolve(res.statusCode ?? 0));
    });
    req.on("error", reject);
    const write = (i: number) => {
      if (i === parts.length) return req.end();
      req.write(parts[i], () => setTimeout(() => write(i + 1), 20));
    };
    write(0);
  });
}

describe("request bodies", () => {
  it("a character split across chunks reaches the journal whole", async () => {
    const login = "zoë-é-日本@example.org";
    const body = Buffer.from(JSON.stringify({ user: { login, password: "x-password" } }));
    const at = body.indexOf(Buffer.from("日")) + 1; // inside the 3-byte character
    const status = await postInParts(`${mocks.urls.rewards}/api/v1/users/sign_in`, [
      body.subarray(0, at),
      body.subarray(at),
    ]);
    expect(status).toBe(401); // not a configured login: the mock understood the request
    const [entry] = mocks.requests({ operationId: "sign-in" });
    expect(entry?.body).toEqual({ user: { login, password: "[REDACTED]" } });
  });

  it("the 1 MiB cap counts bytes", async () => {
    // 400 000 three-byte characters: 1.2 MB, under a million characters.
    const text = JSON.stringify({ note: "日".repeat(400_000) });
    const status = await postInParts(`${mocks.urls.rewards}/api/v1/users/sign_in`, [
      Buffer.from(text),
    ]);
    expect(status).toBe(413);
    expect(mocks.requests()).toEqual([]);
  });
});

describe("the journal stays small", () => {
  it("keeps a note of a large body's size, not the body", async () => {
    const big = JSON.stringify({ note: "x".repeat(200_000) });
    const status = await postInParts(`${mocks.urls.rewards}/api/v1/users/sign_in`, [
      Buffer.from(big),
    ]);
    expect(status).toBe(422); // the mock read and judged the whole body
    const [entry] = mocks.requests();
    expect(entry?.body).toBe(`[body of ${big.length} bytes not kept]`);
  });
});
