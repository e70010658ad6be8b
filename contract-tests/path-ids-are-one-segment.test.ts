// Ids holding URL syntax are percent-encoded by the client and reach the mock as one
// path segment: the pay route matches and the mock's state looks the id up (a bulk
// payment it never set up: the spec's documented 404), instead of Prism's "no route".
import { describe, expect, it } from "vitest";
import { PAY, prolific, prolificSpec, recordingFetch, responseExamples } from "./helpers.js";

const awkwardIds = [
  ["a slash", "abc/def", "abc%2Fdef"],
  ["a question mark", "abc?x=1", "abc%3Fx%3D1"],
  ["a hash", "abc#frag", "abc%23frag"],
  ["a percent sign", "100%", "100%25"],
  ["a space", "a b", "a%20b"],
  ["non-ASCII letters", "paiement-é-ü-日本", "paiement-%C3%A9-%C3%BC-%E6%97%A5%E6%9C%AC"],
  ["dot segments", "..", ".."],
] as const;

describe("path ids", () => {
  it.each(awkwardIds.slice(0, -1))("an id with %s", async (_what, id, encoded) => {
    const { fetch, sent } = recordingFetch();
    const { response, error } = await prolific({ fetch }).POST(PAY, { params: { path: { id } } });
    expect(response.status).toBe(404);
    expect(error).toEqual(responseExamples(prolificSpec, PAY, "post", "404")["not-found"]);
    expect(sent).toHaveLength(1);
    expect(new URL(sent[0]!.url).pathname).toBe(`/api/v1/bulk-bonus-payments/${encoded}/pay/`);
  });

  it("an id of '..' is refused by the client: URL parsing would resolve it to another route", async () => {
    const { fetch, sent } = recordingFetch();
    await expect(
      prolific({ fetch }).POST(PAY, { params: { path: { id: ".." } } }),
    ).rejects.toMatchObject({ name: "InvalidInputError" });
    expect(sent).toHaveLength(0);
  });
});
