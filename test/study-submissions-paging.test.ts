// getSubmission and listStudySubmissions against a scripted local server: offset
// paging to the last page, a server that ignores paging, amounts kept as received,
// typed errors and redaction; each case checks the requests the server saw too.
import { inspect } from "node:util";
import { describe, expect, it } from "vitest";
import {
  createProlificClient,
  getSubmission,
  InvalidInputError,
  listStudySubmissions,
  NotFoundError,
  PagingError,
  RateLimitError,
  type SubmissionShort,
} from "../src/index.js";
import { type Fault, useFaultServer } from "./fault-server.js";

const server = useFaultServer();
const TOKEN = "tok-submissions-4b5c6d7e8f";
const client = () => createProlificClient({ token: TOKEN, baseUrl: server.url, timeoutMs: 2000 });

const short = (id: string): SubmissionShort => ({
  id,
  participant_id: `p-${id}`,
  started_at: "2022-04-18T11:24:51.395000Z",
  status: "APPROVED",
  has_siblings: false,
});
const page = (ids: string[], extra: Record<string, unknown> = {}): Fault => ({
  kind: "status",
  status: 200,
  body: JSON.stringify({ results: ids.map(short), ...extra }),
});
const next = (href: string | null) => ({ _links: { next: { href } } });

async function collect(iterable: AsyncIterable<SubmissionShort>) {
  const ids: string[] = [];
  try {
    for await (const s of iterable) ids.push(s.id);
    return { ids, error: undefined };
  } catch (error) {
    return { ids, error };
  }
}
const sentQueries = () => server.seen.map((s) => new URL(s.path, server.url).search);

describe("listStudySubmissions", () => {
  it("pages with limit/offset until _links.next.href is null", async () => {
    server.script(
      page(["a", "b"], { meta: { count: 5 }, ...next("https://api.prolific.com/…?offset=2") }),
      page(["c", "d"], { meta: { count: 5 }, ...next("https://api.prolific.com/…?offset=4") }),
      page(["e"], { meta: { count: 5 }, ...next(null) }),
    );
    const { ids, error } = await collect(
      listStudySubmissions(client(), "study-1", { pageSize: 2 }),
    );
    expect(error).toBeUndefined();
    expect(ids).toEqual(["a", "b", "c", "d", "e"]);
    expect(server.seen.map((s) => new URL(s.path, server.url).pathname)).toEqual(
      Array(3).fill("/api/v1/studies/study-1/submissions/"),
    );
    expect(sentQueries()).toEqual(["?limit=2&offset=0", "?limit=2&offset=2", "?limit=2&offset=4"]);
    expect(server.seen.every((s) => s.authorization === `Token ${TOKEN}`)).toBe(true);
  });

  it("never follows the server's next link (it would carry the token elsewhere)", async () => {
    server.script(page(["a", "b"], next("https://elsewhere.example/steal")), page([], next(null)));
    const { ids } = await collect(listStudySubmissions(client(), "s", { pageSize: 2 }));
    expect(ids).toEqual(["a", "b"]);
    expect(server.seen.map((s) => new URL(s.path, server.url).pathname)).toEqual([
      "/api/v1/studies/s/submissions/",
      "/api/v1/studies/s/submissions/",
    ]);
  });

  it("the documented form without paging fields: one short page is all, limit 200 by default", async () => {
    server.script(page(["a", "b", "c"]));
    const { ids } = await collect(listStudySubmissions(client(), "s"));
    expect(ids).toEqual(["a", "b", "c"]);
    expect(sentQueries()).toEqual(["?limit=200&offset=0"]);
  });

  it("stops once meta.count submissions were listed", async () => {
    server.script(page(["a", "b"], { meta: { count: 2 }, ...next("https://api.prolific.com/x") }));
    const { ids } = await collect(listStudySubmissions(client(), "s", { pageSize: 2 }));
    expect(ids).toEqual(["a", "b"]);
    expect(server.seen).toHaveLength(1);
  });

  it("a server that ignores offset ends with a PagingError after one repeat", async () => {
    const same = page(["a", "b"], { meta: { count: 50 }, ...next("https://api.prolific.com/x") });
    server.script(same, same, same);
    const { ids, error } = await collect(listStudySubmissions(client(), "s", { pageSize: 2 }));
    expect(ids).toEqual(["a", "b"]);
    expect(error).toBeInstanceOf(PagingError);
    expect(server.seen).toHaveLength(2);
  });

  it("a page with a submission lacking its id is an error, not a silently shorter list", async () => {
    server.script({
      kind: "status",
      status: 200,
      body: JSON.stringify({ results: [short("a"), { ...short("b"), id: null }] }),
    });
    const { ids, error } = await collect(listStudySubmissions(client(), "s"));
    expect(ids).toEqual([]);
    expect(error).toMatchObject({ name: "ApiError", status: 200 });
  });

  it("a 429 mid-list is a RateLimitError with Retry-After, after the submissions before it", async () => {
    server.script(page(["a", "b"], next("x")), {
      kind: "status",
      status: 429,
      headers: { "retry-after": "3" },
      body: JSON.stringify({
        error: { status: 429, error_code: 1, title: "Throttled", detail: `for ${TOKEN}` },
      }),
    });
    const { ids, error } = await collect(listStudySubmissions(client(), "s", { pageSize: 2 }));
    expect(ids).toEqual(["a", "b"]);
    expect(error).toBeInstanceOf(RateLimitError);
    expect(error).toMatchObject({ retryAfterMs: 3000 });
    expect(`${inspect(error)} ${JSON.stringify(error)}`).not.toContain(TOKEN);
  });

  it.each<[string, string, unknown, string]>([
    ["an empty study id", "", undefined, "studyId"],
    ["a page size over 200", "s", { pageSize: 201 }, "options.pageSize"],
    ["an unknown option", "s", { limit: 5 }, "options.limit"],
  ])("refuses %s at once, before sending", (_name, studyId, options, field) => {
    expect(() => listStudySubmissions(client(), studyId, options as never)).toThrow(
      InvalidInputError,
    );
    expect(() => listStudySubmissions(client(), studyId, options as never)).toThrow(
      new RegExp(`^${field}`),
    );
    expect(server.seen).toHaveLength(0);
  });
});

describe("getSubmission", () => {
  it("returns the submission with bonus_payments kept as received (fractions too)", async () => {
    const body = {
      id: "625d4a831bcda2d59ac5a251",
      started_at: "2022-04-18T11:24:51.395000Z",
      status: "PROCESSING",
      study_id: "60aca280709ee40ec37d4885",
      bonus_payments: [1000, 2536, 283.34],
      a_new_field: { kept: true },
    };
    server.script({ kind: "status", status: 200, body: JSON.stringify(body) });
    const submission = await getSubmission(client(), "625d4a831bcda2d59ac5a251");
    expect(submission).toEqual(body);
    expect(server.seen).toMatchObject([
      {
        method: "GET",
        path: "/api/v1/submissions/625d4a831bcda2d59ac5a251/",
        authorization: `Token ${TOKEN}`,
      },
    ]);
  });

  it("an id with a slash stays one path segment", async () => {
    server.script({ kind: "status", status: 404, body: "" });
    await expect(getSubmission(client(), "../bulk-bonus-payments/x/pay")).rejects.toBeInstanceOf(
      NotFoundError,
    );
    expect(server.seen[0]!.path).toBe("/api/v1/submissions/..%2Fbulk-bonus-payments%2Fx%2Fpay/");
  });

  it("a 200 that is not a submission is an ApiError, not a value", async () => {
    server.script({ kind: "status", status: 200, body: '"ok"' });
    await expect(getSubmission(client(), "x")).rejects.toMatchObject({
      name: "ApiError",
      status: 200,
    });
  });

  it("refuses an empty id before sending", async () => {
    await expect(getSubmission(client(), " ")).rejects.toBeInstanceOf(InvalidInputError);
    expect(server.seen).toHaveLength(0);
  });
});
