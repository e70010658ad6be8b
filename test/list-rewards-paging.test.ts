// listRewards against a scripted local server: every reward once across pages, the
// stop by `total`, a server that ignores paging, errors and redaction. Each case
// asserts what came back AND the requests the server saw.
import { inspect } from "node:util";
import { describe, expect, it } from "vitest";
import {
  createRewardsClient,
  InvalidInputError,
  listRewards,
  PagingError,
  type Reward,
  ServerError,
  UnauthorizedError,
} from "../src/index.js";
import { type Fault, useFaultServer } from "./fault-server.js";

const server = useFaultServer();
const TOKEN = "jwt.for.paging.tests";
const client = () => createRewardsClient({ token: TOKEN, baseUrl: server.url, timeoutMs: 2000 });

const reward = (id: number): Reward => ({
  id,
  bonus: "10.0",
  completed_at: "2025-11-10T00:00:00.000Z",
  referee: {
    id: 1,
    financial_company_id: null,
    first_name: "A",
    last_name: "B",
    profile_id: 1,
    referral_code: "012345",
  },
  referrer: {
    id: 2,
    financial_company_id: null,
    first_name: "C",
    last_name: "D",
    profile_id: 2,
    referral_code: "123456",
  },
  state: "pending",
});
const page = (ids: number[], headers: Record<string, string>): Fault => ({
  kind: "status",
  status: 200,
  body: JSON.stringify({ rewards: ids.map(reward) }),
  headers,
});

async function collect(iterable: AsyncIterable<Reward>) {
  const ids: number[] = [];
  try {
    for await (const r of iterable) ids.push(r.id);
    return { ids, error: undefined };
  } catch (error) {
    return { ids, error };
  }
}
const queries = () =>
  server.seen.map((s) => Object.fromEntries(new URL(s.path, server.url).searchParams));

describe("listRewards pages", () => {
  it("reads page after page until total rewards were listed", async () => {
    server.script(
      page([1, 2], { "per-page": "2", total: "5" }),
      page([3, 4], { "per-page": "2", total: "5" }),
      page([5], { "per-page": "2", total: "5" }),
    );
    const { ids, error } = await collect(
      listRewards(
        client(),
        { kind: "referral", name: "Monty", from: "2025-11-01", to: "2025-11-30" },
        { perPage: 2 },
      ),
    );
    expect(error).toBeUndefined();
    expect(ids).toEqual([1, 2, 3, 4, 5]);
    expect(queries()).toEqual(
      [1, 2, 3].map((n) => ({
        by_kind: "referral",
        by_name: "Monty",
        from_date: "2025-11-01",
        to_date: "2025-11-30",
        per_page: "2",
        page: String(n),
      })),
    );
    expect(
      server.seen.every((s) => s.method === "GET" && s.authorization === `Bearer ${TOKEN}`),
    ).toBe(true);
  });

  it("one page holding every reward (the vendor's capture) is one request", async () => {
    server.script(page([369, 370, 371], { "per-page": "20", total: "3" }));
    const { ids } = await collect(listRewards(client(), { kind: "referral" }));
    expect(ids).toEqual([369, 370, 371]);
    expect(queries()).toEqual([{ by_kind: "referral", page: "1" }]);
  });

  it("a server that ignores paging (the same page again) ends with a PagingError, not a loop", async () => {
    const same = page([1, 2], { "per-page": "2", total: "13" });
    server.script(same, same, same, same);
    const { ids, error } = await collect(listRewards(client(), { kind: "referral" }));
    expect(ids).toEqual([1, 2]);
    expect(error).toBeInstanceOf(PagingError);
    expect(error).toMatchObject({ page: 2, yielded: 2 });
    expect((error as Error).message).toMatch(/ignore paging/);
    expect(server.seen).toHaveLength(2);
  });

  it("an overlapping page yields only the new rewards", async () => {
    server.script(
      page([1, 2], { "per-page": "2", total: "3" }),
      page([2, 3], { "per-page": "2", total: "3" }),
    );
    const { ids, error } = await collect(listRewards(client(), { kind: "hourly" }));
    expect(error).toBeUndefined();
    expect(ids).toEqual([1, 2, 3]);
    expect(server.seen).toHaveLength(2);
  });

  it("an empty page before total ends with a PagingError (the list is incomplete)", async () => {
    server.script(
      page([1, 2], { "per-page": "2", total: "4" }),
      page([], { "per-page": "2", total: "4" }),
    );
    const { ids, error } = await collect(listRewards(client(), { kind: "referral" }));
    expect(ids).toEqual([1, 2]);
    expect(error).toBeInstanceOf(PagingError);
    expect((error as Error).message).toMatch(/empty but the server counts 4/);
  });

  it("without a total header, a short page is the last", async () => {
    server.script(page([1, 2], { "per-page": "2" }), page([3], { "per-page": "2" }));
    const { ids, error } = await collect(listRewards(client(), { kind: "referral" }));
    expect(error).toBeUndefined();
    expect(ids).toEqual([1, 2, 3]);
    expect(server.seen).toHaveLength(2);
  });

  it("stops at maxPages with a PagingError", async () => {
    server.script(page([1], { total: "9" }), page([2], { total: "9" }));
    const { ids, error } = await collect(
      listRewards(client(), { kind: "referral" }, { maxPages: 2 }),
    );
    expect(ids).toEqual([1, 2]);
    expect(error).toMatchObject({ name: "PagingError", page: 3 });
    expect(server.seen).toHaveLength(2);
  });
});

describe("listRewards errors", () => {
  it("a failed page throws its typed error from the loop, after the rewards before it", async () => {
    server.script(page([1, 2], { "per-page": "2", total: "4" }), {
      kind: "status",
      status: 503,
      body: '{"error":"down"}',
    });
    const { ids, error } = await collect(listRewards(client(), { kind: "referral" }));
    expect(ids).toEqual([1, 2]);
    expect(error).toBeInstanceOf(ServerError);
    expect(server.seen).toHaveLength(2);
  });

  it("a 401 echoing the token is an UnauthorizedError without the token", async () => {
    server.script({
      kind: "status",
      status: 401,
      body: JSON.stringify({ error: `bad token ${TOKEN}` }),
    });
    const { error } = await collect(listRewards(client(), { kind: "referral" }));
    expect(error).toBeInstanceOf(UnauthorizedError);
    const shown = `${(error as Error).message} ${JSON.stringify(error)} ${inspect(error)}`;
    expect(shown).not.toContain(TOKEN);
    expect(shown).toContain("[REDACTED]");
  });

  it("a page with a reward lacking its id is an error, not a silently shorter list", async () => {
    server.script({
      kind: "status",
      status: 200,
      body: JSON.stringify({
        rewards: [reward(1), { ...reward(2), id: undefined }, { ...reward(3), id: "3" }],
      }),
      headers: { total: "3" },
    });
    const { ids, error } = await collect(listRewards(client(), { kind: "referral" }));
    expect(ids).toEqual([]);
    expect(error).toMatchObject({ name: "ApiError", status: 200 });
  });

  it("a 200 without a rewards list is an error, not an empty list", async () => {
    server.script({ kind: "status", status: 200, body: '{"data":[]}', headers: { total: "0" } });
    const { ids, error } = await collect(listRewards(client(), { kind: "referral" }));
    expect(ids).toEqual([]);
    expect(error).toMatchObject({ name: "ApiError", status: 200 });
  });

  it.each<[string, unknown, unknown, string]>([
    ["an unknown kind", { kind: "bonus" }, undefined, "kind"],
    ["no kind", {}, undefined, "kind"],
    ["a date that is not ISO", { kind: "referral", from: "01/11/2025" }, undefined, "from"],
    ["an empty name", { kind: "referral", name: "" }, undefined, "name"],
    ["an unknown field", { kind: "referral", state: "pending" }, undefined, "input.state"],
    ["a zero page size", { kind: "referral" }, { perPage: 0 }, "options.perPage"],
    ["a fractional maxPages", { kind: "referral" }, { maxPages: 1.5 }, "options.maxPages"],
  ])("refuses %s at once, before sending", (_name, input, options, field) => {
    expect(() => listRewards(client(), input as never, options as never)).toThrow(
      InvalidInputError,
    );
    expect(() => listRewards(client(), input as never, options as never)).toThrow(
      new RegExp(`^${field.replace(".", "\\.")}`),
    );
    expect(server.seen).toHaveLength(0);
  });
});
