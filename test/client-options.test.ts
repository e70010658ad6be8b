import { inspect } from "node:util";
import { describe, expect, it, vi } from "vitest";
import {
  AbortedError,
  createProlificClient,
  createRewardsClient,
  DEFAULT_TIMEOUT_MS,
  InvalidInputError,
} from "../src/index.js";
import { fakeFetch, hangingFetch } from "./fake-fetch.js";

const SECRET = "s3cr3t-prolific-token-0123456789";
const JWT = "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ0ZXN0In0.c2lnbmF0dXJl"; // made up, not the seed's
const PAY = "/api/v1/bulk-bonus-payments/{id}/pay/";
const BULK_UPDATE = "/api/v1/finance/rewards/bulk_update";

describe("Authorization header", () => {
  it("Prolific sends `Token <token>` to https://api.prolific.com by default", async () => {
    const { fetch, requests } = fakeFetch();
    await createProlificClient({ token: SECRET, fetch }).POST(PAY, {
      params: { path: { id: "abc" } },
    });
    expect(requests).toHaveLength(1);
    expect(requests[0]!.headers.get("authorization")).toBe(`Token ${SECRET}`);
    expect(requests[0]!.url).toBe("https://api.prolific.com/api/v1/bulk-bonus-payments/abc/pay/");
    expect(requests[0]!.method).toBe("POST");
  });

  it("DRVN sends `Bearer <jwt>` to the given baseUrl, with the JSON body", async () => {
    const { fetch, requests } = fakeFetch();
    const client = createRewardsClient({ token: JWT, baseUrl: "https://finance.test/", fetch });
    await client.PATCH(BULK_UPDATE, { body: { reward: { reward_ids: [499], state: "paid" } } });
    expect(requests[0]!.headers.get("authorization")).toBe(`Bearer ${JWT}`);
    expect(requests[0]!.url).toBe("https://finance.test/api/v1/finance/rewards/bulk_update");
    expect(await requests[0]!.json()).toEqual({ reward: { reward_ids: [499], state: "paid" } });
  });

  it("a caller's own Authorization header cannot replace the token", async () => {
    const { fetch, requests } = fakeFetch();
    await createProlificClient({ token: SECRET, fetch }).POST(PAY, {
      params: { path: { id: "abc" } },
      headers: { Authorization: "Token someone-else" },
    });
    expect(requests[0]!.headers.get("authorization")).toBe(`Token ${SECRET}`);
  });
});

describe("options refused at construction, naming the option", () => {
  const bad: Array<[string, Record<string, unknown>, string]> = [
    ["no token", {}, "token"],
    ["an empty token", { token: "" }, "token"],
    ["a whitespace token", { token: "   " }, "token"],
    ["a token with CR LF (header injection)", { token: "abc\r\nX-Evil: 1" }, "token"],
    ["a token with a NUL", { token: "abc\u0000def" }, "token"],
    ["a token with a tab", { token: "abc\tdef" }, "token"],
    ["a token with non-ASCII", { token: "abcé" }, "token"],
    ["a token that already says Bearer", { token: "Bearer abc" }, "token"],
    ["a token that is not a string", { token: 42 }, "token"],
    ["a baseUrl that is not a URL", { token: "t", baseUrl: "not a url" }, "baseUrl"],
    ["plain http to a remote host", { token: "t", baseUrl: "http://api.prolific.com" }, "baseUrl"],
    ["plain http to a private address", { token: "t", baseUrl: "http://10.0.0.5" }, "baseUrl"],
    ["a baseUrl with credentials", { token: "t", baseUrl: "https://u:p@x.test" }, "baseUrl"],
    ["a baseUrl with a query", { token: "t", baseUrl: "https://x.test/?a=1" }, "baseUrl"],
    ["an ftp baseUrl", { token: "t", baseUrl: "ftp://x.test" }, "baseUrl"],
    ["a zero timeout", { token: "t", timeoutMs: 0 }, "timeoutMs"],
    ["a negative timeout", { token: "t", timeoutMs: -5 }, "timeoutMs"],
    ["a fractional timeout", { token: "t", timeoutMs: 1.5 }, "timeoutMs"],
    ["an infinite timeout", { token: "t", timeoutMs: Number.POSITIVE_INFINITY }, "timeoutMs"],
    ["a fetch that is not a function", { token: "t", fetch: "yes" }, "fetch"],
  ];
  it.each(bad)("Prolific: %s", (_what, options, field) => {
    const attempt = () => createProlificClient(options as any);
    expect(attempt).toThrow(InvalidInputError);
    expect(attempt).toThrow(new RegExp(`^${field}: `));
  });

  it("DRVN requires a baseUrl", () => {
    expect(() => createRewardsClient({ token: JWT } as any)).toThrow(/^baseUrl: is required/);
  });

  it.each([
    "http://127.0.0.1:4010",
    "http://127.9.9.9",
    "http://localhost:8080",
    "http://[::1]:4010",
    "https://finance.example.com/base/",
  ])("accepts %s", (baseUrl) => {
    expect(() => createRewardsClient({ token: JWT, baseUrl })).not.toThrow();
  });

  it("keeps a base path and drops the trailing slash", async () => {
    const { fetch, requests } = fakeFetch();
    const client = createRewardsClient({ token: JWT, baseUrl: "https://x.test/drvn/", fetch });
    await client.PATCH(BULK_UPDATE, { body: { reward: { reward_ids: [1], state: "paid" } } });
    expect(requests[0]!.url).toBe("https://x.test/drvn/api/v1/finance/rewards/bulk_update");
  });
});

describe("the token stays secret", () => {
  it("appears in no construction error", () => {
    for (const options of [
      { token: `${SECRET}\r\n` },
      { token: `Bearer ${SECRET}` },
      { token: `${SECRET} ${SECRET}` },
      { token: "https://swapped.example", baseUrl: SECRET },
    ]) {
      try {
        createProlificClient(options);
        expect.unreachable("should have thrown");
      } catch (error) {
        expect(String(error)).not.toContain(SECRET);
        expect(inspect(error)).not.toContain(SECRET);
      }
    }
  });

  it("is not reachable through util.inspect or JSON of the client", () => {
    const client = createProlificClient({ token: SECRET, fetch: fakeFetch().fetch });
    expect(inspect(client, { depth: Number.POSITIVE_INFINITY, showHidden: true })).not.toContain(
      SECRET,
    );
    expect(JSON.stringify(client) ?? "").not.toContain(SECRET);
  });
});

describe("timeout per attempt", () => {
  it(`defaults to ${DEFAULT_TIMEOUT_MS} ms`, () => {
    expect(DEFAULT_TIMEOUT_MS).toBe(30_000);
  });

  it("aborts an attempt that takes longer than timeoutMs with a TimeoutError", async () => {
    vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout", "Date"] });
    try {
      const client = createProlificClient({ token: SECRET, fetch: hangingFetch, timeoutMs: 50 });
      let settled = false;
      const attempt = client.POST(PAY, { params: { path: { id: "abc" } } });
      attempt.catch(() => {}).finally(() => (settled = true));
      await vi.advanceTimersByTimeAsync(49);
      expect(settled).toBe(false);
      await vi.advanceTimersByTimeAsync(1);
      await expect(attempt).rejects.toMatchObject({ name: "TimeoutError" });
    } finally {
      vi.useRealTimers();
    }
  });

  it("leaves no timer behind when fetch itself fails (a script must not hang for timeoutMs)", async () => {
    const refused = () => Promise.reject(new TypeError("fetch failed"));
    const client = createProlificClient({ token: SECRET, fetch: refused, timeoutMs: 60_000 });
    const timers = () => process.getActiveResourcesInfo().filter((r) => r === "Timeout").length;
    const before = timers();
    await expect(client.POST(PAY, { params: { path: { id: "abc" } } })).rejects.toThrow(
      "fetch failed",
    );
    expect(timers()).toBe(before);
  });

  it("honours the caller's AbortSignal, with the caller's reason", async () => {
    const client = createProlificClient({ token: SECRET, fetch: hangingFetch, timeoutMs: 10_000 });
    const controller = new AbortController();
    const attempt = client.POST(PAY, {
      params: { path: { id: "abc" } },
      signal: controller.signal,
    });
    const reason = new Error("caller gave up");
    controller.abort(reason);
    const error = await attempt.catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AbortedError);
    expect((error as AbortedError).cause).toBe(reason);
  });
});
