// Edges of the DRVN calls that the mutation run (npm run test:mutation) showed no test
// noticed: malformed items in an update's answer, `complete` by `total`, the id lists in
// messages, the back-off interrupted by the caller, timers left behind, the request's path
// and query, and sign-in's JWT `exp` and echoed secrets. Each case asserts what came back
// and what the server saw.
import { describe, expect, it, vi } from "vitest";
import {
  AbortedError,
  ApiError,
  createRewardsClient,
  InvalidInputError,
  listRewards,
  markRewards,
  signIn,
  UnexpectedAnswerError,
} from "../src/index.js";
import { useFakeClock } from "./fake-clock.js";
import { useFaultServer } from "./fault-server.js";
import { jsonAnswer, rewardsFor, useHostileServer } from "./hostile-server.js";

const hostile = useHostileServer();
const faults = useFaultServer();
const client = (baseUrl = hostile.url) => createRewardsClient({ token: "jwt.edges", baseUrl });

async function markAnswered(body: unknown, headers: Array<[string, string]> = [], ids = [7, 8]) {
  hostile.otherwise(() => jsonAnswer(200, body, headers));
  return markRewards(client(), { rewardIds: ids, state: "paid" }, { maxAttempts: 1 });
}
const item = (id: unknown, state = "paid") => ({ id, state });

describe("markRewards reads the answer's items with care", () => {
  it.each([
    ["null", null],
    ["a number", 7],
    ["an item without id", { state: "paid" }],
    ["an id as a string", item("7")],
  ])("an item that is %s is an UnexpectedAnswerError, never ok", async (_name, bad) => {
    const result = await markAnswered({ rewards: [item(7), bad] });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error).toBeInstanceOf(UnexpectedAnswerError);
    expect(result.error).toMatchObject({ status: 200, rewardIds: [] });
    expect(result.error.message).toMatch(/rewards\[1\] without an id/);
    expect(hostile.seen).toHaveLength(1);
  });

  it("a reward listed twice is an UnexpectedAnswerError naming it", async () => {
    const result = await markAnswered({ rewards: [item(7), item(8), item(7)] });
    expect(result).toMatchObject({ ok: false, error: { status: 200, rewardIds: [7] } });
  });

  it("rewards that were not asked for are named, the first ten in the message", async () => {
    const others = Array.from({ length: 12 }, (_, i) => 100 + i);
    const result = await markAnswered({
      rewards: [item(7), item(8), ...others.map((id) => item(id))],
    });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error).toMatchObject({ rewardIds: others });
    expect(result.error.message).toContain(`${others.slice(0, 10).join(", ")} (12 in all)`);
    expect(result.error.message).not.toContain("110");
  });

  it("exactly ten rewards not asked for are all named, without a count", async () => {
    const others = Array.from({ length: 10 }, (_, i) => 100 + i);
    const result = await markAnswered({ rewards: others.map((id) => item(id)) });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.message).toMatch(/not requested: 100, .*, 109$/);
  });

  it("one reward not asked for is named alone, without a count", async () => {
    const result = await markAnswered({ rewards: [item(7), item(8), item(9)] });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.message).toMatch(/not requested: 9$/);
  });

  it("complete follows total: none sent, as many as listed, more than listed", async () => {
    const all = { rewards: [item(7), item(8)] };
    expect(await markAnswered(all)).toMatchObject({ ok: true, complete: true, missing: [] });
    expect(await markAnswered(all, [["total", "2"]])).toMatchObject({ complete: true, total: 2 });
    expect(await markAnswered(all, [["total", "3"]])).toMatchObject({
      ok: true,
      complete: false,
      total: 3,
      missing: [],
    });
  });

  it("a 200 whose body is JSON null is an ApiError, not a crash", async () => {
    const result = await markAnswered(null);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error).toBeInstanceOf(ApiError);
  });

  it("sends PATCH to the bulk-update path", async () => {
    hostile.otherwise((r) => jsonAnswer(200, rewardsFor(r)));
    await markRewards(client(), { rewardIds: [7], state: "paid" });
    expect(hostile.seen.map((r) => [r.method, r.path])).toEqual([
      ["PATCH", "/api/v1/finance/rewards/bulk_update"],
    ]);
  });

  it("without a passcode, nothing in an error's body is redacted as one", async () => {
    hostile.otherwise(() => jsonAnswer(422, { errors: "undefined method for nil" }));
    const result = await markRewards(client(), { rewardIds: [7], state: "paid" });
    expect(result).toMatchObject({
      ok: false,
      error: { body: { errors: "undefined method for nil" } },
    });
  });
});

describe("markRewards input is named in its errors", () => {
  it.each<[string, Record<string, unknown>, string, RegExp]>([
    ["ids that are not an array", { rewardIds: "7" }, "rewardIds", /array of reward ids/],
    ["a state outside the spec", { state: "lost" }, "state", /must be one of/],
    ["a passcode that is not an integer", { passcode: 1.5 }, "passcode", /integer/],
    [
      "ids repeated",
      { rewardIds: [1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6] },
      "rewardIds",
      /lists 1, 2, 3, 4, 5 more than once/,
    ],
  ])("%s", async (_name, change, field, message) => {
    const input = { rewardIds: [7], state: "paid", ...change };
    const error = await markRewards(client(), input as never).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InvalidInputError);
    expect(error).toMatchObject({ field });
    expect((error as Error).message).toMatch(message);
    expect(hostile.seen).toHaveLength(0);
  });
});

describe("markRewards between attempts", () => {
  useFakeClock();

  it("the caller's abort during a back-off ends the call at once: AbortedError, no new attempt, no timer left", async () => {
    faults.script({ kind: "status", status: 503 });
    const controller = new AbortController();
    const result = await markRewards(
      client(faults.url),
      { rewardIds: [7], state: "paid" },
      {
        signal: controller.signal,
        onAttempt: (event) => {
          if (event.retryInMs !== undefined) queueMicrotask(() => controller.abort());
        },
      },
    );
    expect(result).toMatchObject({ ok: false, attempts: 1 });
    if (!result.ok) {
      expect(result.error).toBeInstanceOf(AbortedError);
      expect(result.error.message).toBe(
        "PATCH /api/v1/finance/rewards/bulk_update: aborted by the caller",
      );
    }
    expect(faults.seen).toHaveLength(1);
    expect(vi.getTimerCount()).toBe(0);
  });

  it("a call that succeeds leaves no timer behind (its total cap is disposed)", async () => {
    const result = await markRewards(client(faults.url), { rewardIds: [499], state: "paid" });
    expect(result).toMatchObject({ ok: true, attempts: 1 });
    // Well before the 60 s cap: the connection's own idle timers are over by then.
    await vi.advanceTimersByTimeAsync(10_000);
    expect(vi.getTimerCount()).toBe(0);
  });
});

describe("listRewards sends what it was given, and pages without total", () => {
  const page = (ids: number[], perPage: string) =>
    ({
      kind: "status",
      status: 200,
      body: JSON.stringify({ rewards: ids.map((id) => ({ id, state: "pending" })) }),
      headers: { "per-page": perPage },
    }) as const;

  it("kind alone: GET the rewards path with by_kind and page only", async () => {
    faults.script(page([], "20"));
    for await (const _ of listRewards(client(faults.url), { kind: "referral" })) {
    }
    expect(faults.seen.map((s) => s.path)).toEqual([
      "/api/v1/finance/rewards?by_kind=referral&page=1",
    ]);
  });

  it("full pages without total: reads on until a short page", async () => {
    faults.script(page([1, 2], "2"), page([3, 4], "2"), page([5], "2"));
    const ids: number[] = [];
    for await (const r of listRewards(client(faults.url), { kind: "hourly" }, { perPage: 2 })) {
      ids.push(r.id);
    }
    expect(ids).toEqual([1, 2, 3, 4, 5]);
    expect(faults.seen).toHaveLength(3);
  });

  it("a page whose body is JSON null, or lists null, is an error, not a crash", async () => {
    for (const body of ["null", '{"rewards":[null]}']) {
      faults.reset();
      faults.script({ kind: "status", status: 200, body });
      const error = await (async () => {
        for await (const _ of listRewards(client(faults.url), { kind: "referral" })) {
        }
      })().catch((e: unknown) => e);
      expect(error, body).toBeInstanceOf(ApiError);
    }
  });

  it("a bad kind is refused as `kind`", async () => {
    expect(() => listRewards(client(faults.url), { kind: "bonus" as never })).toThrow(
      expect.objectContaining({ field: "kind" }),
    );
  });
});

describe("signIn edges", () => {
  const USER = { user: { id: 506 } };
  const jwtWith = (claims: unknown) =>
    `eyJhbGciOiJIUzI1NiJ9.${Buffer.from(JSON.stringify(claims)).toString("base64url")}.c2ln`;
  const input = (extra: Record<string, unknown> = {}) => ({
    baseUrl: faults.url,
    login: "finance@example.org",
    password: "correct-horse-battery-staple",
    ...extra,
  });

  it("an exp that is a string of digits is not an expiry: ApiError", async () => {
    faults.script({
      kind: "status",
      status: 200,
      body: JSON.stringify(USER),
      headers: { authorization: `Bearer ${jwtWith({ exp: "1766218371" })}` },
    });
    await expect(signIn(input())).rejects.toBeInstanceOf(ApiError);
  });

  it("a user that is null is an ApiError", async () => {
    faults.script({
      kind: "status",
      status: 200,
      body: JSON.stringify({ user: null }),
      headers: { authorization: `Bearer ${jwtWith({ exp: 1766218371 })}` },
    });
    await expect(signIn(input())).rejects.toBeInstanceOf(ApiError);
  });

  it("a refused header is redacted from the error's body when the server echoes it", async () => {
    const header = `Token ${jwtWith({ exp: 1766218371 })}`;
    faults.script({
      kind: "status",
      status: 200,
      body: JSON.stringify({ ...USER, echo: header }),
      headers: { authorization: header },
    });
    const error = await signIn(input()).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect(JSON.stringify((error as ApiError).body)).not.toContain(header);
  });

  it("a missing or empty password says it is not shown; the server sees nothing", async () => {
    for (const password of ["", 1234]) {
      const error = await signIn(input({ password })).catch((e: unknown) => e);
      expect(error).toMatchObject({ field: "password" });
      expect((error as Error).message).toMatch(/not shown/);
    }
    expect(faults.seen).toHaveLength(0);
  });

  it("uses the fetch it is given", async () => {
    const seen: string[] = [];
    faults.script({
      kind: "status",
      status: 200,
      body: JSON.stringify(USER),
      headers: { authorization: `Bearer ${jwtWith({ exp: 1766218371 })}` },
    });
    const session = await signIn(
      input({
        fetch: (request: Request) => {
          seen.push(request.url);
          return fetch(request);
        },
      }),
    );
    expect(session.expiresAt.toISOString()).toBe("2025-12-20T08:12:51.000Z");
    expect(seen).toEqual([`${faults.url}/api/v1/users/sign_in`]);
  });
});
