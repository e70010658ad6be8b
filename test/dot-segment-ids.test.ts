// A path id of "." or ".." is resolved away by URL parsing (`/submissions/../` is
// `/api/v1/`), so the request would reach another route. Refused before anything is
// sent, by the helpers and by the raw typed client alike.
import { describe, expect, it } from "vitest";
import {
  createProlificClient,
  getSubmission,
  InvalidInputError,
  listStudySubmissions,
} from "../src/index.js";
import { jsonAnswer, useHostileServer } from "./hostile-server.js";

const server = useHostileServer();
const client = () => createProlificClient({ token: "prolific-dots", baseUrl: server.url });
const DOTS = [".", ".."];

describe("dot-segment ids never leave the client", () => {
  it.each(DOTS)("getSubmission(%j) is refused, nothing sent", async (id) => {
    server.otherwise(() => jsonAnswer(200, { id: "elsewhere", results: [] }));
    await expect(getSubmission(client(), id)).rejects.toThrow(InvalidInputError);
    expect(server.seen).toEqual([]);
  });

  it.each(DOTS)("listStudySubmissions(%j) is refused at once, nothing sent", async (id) => {
    server.otherwise(() => jsonAnswer(200, { results: [], meta: { count: 0 } }));
    expect(() => listStudySubmissions(client(), id)).toThrow(InvalidInputError);
    expect(server.seen).toEqual([]);
  });

  it.each(DOTS)("the raw client refuses path id %j, nothing sent", async (id) => {
    server.otherwise(() => jsonAnswer(200, {}));
    await expect(
      client().GET("/api/v1/submissions/{id}/", { params: { path: { id } } }),
    ).rejects.toThrow(InvalidInputError);
    await expect(
      client().POST("/api/v1/bulk-bonus-payments/{id}/pay/", { params: { path: { id } } }),
    ).rejects.toThrow(InvalidInputError);
    expect(server.seen).toEqual([]);
  });

  it("ids that merely hold dots are sent as one segment", async () => {
    server.otherwise(() => jsonAnswer(200, { id: "x" }));
    for (const id of ["...", ".a", "a..b", "%2e%2e"]) await getSubmission(client(), id);
    expect(server.seen.map((r) => r.path)).toEqual([
      "/api/v1/submissions/.../",
      "/api/v1/submissions/.a/",
      "/api/v1/submissions/a..b/",
      "/api/v1/submissions/%252e%252e/",
    ]);
  });
});
