// getSubmission and listStudySubmissions at their edges, against the scripted fault
// server: the id's length limit, answers that are not what they say, where a failure
// says it happened, and a full last page that says it is the last.
import { describe, expect, it } from "vitest";
import {
  ApiError,
  createProlificClient,
  getSubmission,
  InvalidInputError,
  listStudySubmissions,
} from "../src/index.js";
import { useFaultServer } from "./fault-server.js";

const server = useFaultServer();
const client = () =>
  createProlificClient({ token: "tok-reads-edges-1a2b3c", baseUrl: server.url, timeoutMs: 2000 });
const ok = (body: unknown) => ({
  kind: "status" as const,
  status: 200,
  body: JSON.stringify(body),
});
const short = (id: unknown) => ({
  id,
  participant_id: "p",
  started_at: "2022-04-18T11:24:51.395000Z",
  status: "APPROVED",
  has_siblings: false,
});
async function listAll(studyId: string, pageSize?: number) {
  const ids: string[] = [];
  for await (const s of listStudySubmissions(client(), studyId, pageSize ? { pageSize } : {}))
    ids.push(s.id);
  return ids;
}

describe("submission ids", () => {
  it("takes an id of 256 characters and refuses 257, whitespace or a non-string before sending", async () => {
    const longest = "s".repeat(256);
    server.script(ok({ id: longest, bonus_payments: [] }));
    expect((await getSubmission(client(), longest)).id).toBe(longest);
    expect(server.seen).toHaveLength(1);
    for (const id of ["s".repeat(257), " \t", 42]) {
      const refused = getSubmission(client(), id as string);
      await expect(refused).rejects.toBeInstanceOf(InvalidInputError);
      await expect(refused).rejects.toMatchObject({ field: "id" });
      expect(() => listStudySubmissions(client(), id as string)).toThrow(InvalidInputError);
    }
    expect(() => listStudySubmissions(client(), "s".repeat(257))).toThrow(
      expect.objectContaining({ field: "studyId" }),
    );
    expect(server.seen).toHaveLength(1);
  });
});

describe("answers that are not what they say", () => {
  it("a 200 submission that is null, an array, or without a string id is an ApiError naming the read", async () => {
    for (const body of [null, [], {}, { id: 7 }]) {
      server.script(ok(body));
      const read = getSubmission(client(), "sub/1");
      await expect(read).rejects.toBeInstanceOf(ApiError);
      await expect(read).rejects.toThrow(/GET \/api\/v1\/submissions\/sub%2F1\//);
    }
    expect(server.seen).toHaveLength(4);
  });

  it("a 200 list that is null, has no results array, or a result without a non-empty id is an ApiError naming the study", async () => {
    const bodies = [
      null,
      { results: "all" },
      { results: [null] },
      { results: [short("")] },
      { results: [short(3)] },
    ];
    for (const body of bodies) {
      server.script(ok(body));
      await expect(listAll("st/1")).rejects.toThrow(
        /GET \/api\/v1\/studies\/st%2F1\/submissions\//,
      );
    }
    expect(server.seen).toHaveLength(bodies.length);
  });
});

describe("the last page", () => {
  it("a full page whose next link is null is the last: no further request", async () => {
    server.script(ok({ results: [short("a"), short("b")], _links: { next: { href: null } } }));
    expect(await listAll("study-1", 2)).toEqual(["a", "b"]);
    expect(server.seen).toHaveLength(1);
  });

  it("a full page with a next link is followed by the next offset", async () => {
    server.script(
      ok({ results: [short("a"), short("b")], _links: { next: { href: "https://x/?offset=2" } } }),
      ok({ results: [short("c")] }),
    );
    expect(await listAll("study-1", 2)).toEqual(["a", "b", "c"]);
    expect(server.seen.map((s) => new URL(s.path, server.url).search)).toEqual([
      "?limit=2&offset=0",
      "?limit=2&offset=2",
    ]);
  });
});
