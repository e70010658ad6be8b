// createAuthedClient: the typed client both factories build, seen from the fetch it
// sends through: the Authorization it sets (or not), the base URL, every method and
// request() kept on the client's transport, path segments, and its token redacted.
import { describe, expect, it } from "vitest";
import { type ApiProfile, createAuthedClient, secretsOf } from "../../src/core/create-client.js";
import { InvalidInputError } from "../../src/core/errors/invalid-input-error.js";
import { ConnectionError } from "../../src/core/errors/transport-errors.js";
import { fakeFetch } from "../fake-fetch.js";

const TOKEN = "tok-abcdef123456";
const profile: ApiProfile = { scheme: "Token", defaultBaseUrl: "https://api.example.test/v1" };

// Untyped paths: only the plumbing is under test.
type AnyClient = any;
const clientWith = (options: Record<string, unknown> = {}, which: ApiProfile = profile) => {
  const { fetch, requests } = fakeFetch();
  const client: AnyClient = createAuthedClient({ token: TOKEN, fetch, ...options } as never, which);
  return { client, requests };
};

describe("createAuthedClient", () => {
  it("sends the scheme and token, to the profile's base URL unless given one", async () => {
    const { client, requests } = clientWith();
    await client.GET("/things");
    expect(requests[0]?.url).toBe("https://api.example.test/v1/things");
    expect(requests[0]?.headers.get("authorization")).toBe(`Token ${TOKEN}`);
    const given = clientWith({ baseUrl: "https://other.example.test/api/" });
    await given.client.GET("/things");
    expect(given.requests[0]?.url).toBe("https://other.example.test/api/things");
  });

  it("an anonymous profile sends no Authorization at all; no default base URL: one is required", async () => {
    const { client, requests } = clientWith(
      { baseUrl: "https://a.example.test" },
      { scheme: "Bearer", anonymous: true },
    );
    await client.POST("/sign-in", { body: { email: "e" } });
    expect(requests[0]?.headers.has("authorization")).toBe(false);
    expect(() => clientWith({}, { scheme: "Bearer" })).toThrow(InvalidInputError);
  });

  it("a middleware's Authorization does not replace the client's; its other headers go out", async () => {
    const { client, requests } = clientWith();
    client.use({
      onRequest({ request }: { request: Request }) {
        request.headers.set("authorization", "Token stolen");
        request.headers.set("x-trace", "t-1");
        return request;
      },
    });
    await client.GET("/things");
    expect(requests[0]?.headers.get("authorization")).toBe(`Token ${TOKEN}`);
    expect(requests[0]?.headers.get("x-trace")).toBe("t-1");
  });

  it("every method and request() ignore a per-call fetch, baseUrl and Request", async () => {
    const { client, requests } = clientWith();
    const sideFetches: string[] = [];
    class SideRequest {
      url: string;
      constructor(url: string) {
        this.url = url;
      }
    }
    const perCall = {
      baseUrl: "https://evil.example.test",
      fetch: async (request: Request) => {
        sideFetches.push(request.url);
        return new Response("{}");
      },
      Request: SideRequest,
    };
    for (const method of ["GET", "PUT", "POST", "DELETE", "OPTIONS", "HEAD", "PATCH"]) {
      await client[method]("/things", perCall);
    }
    await client.request("get", "/things", perCall);
    // TRACE is refused by fetch's own Request: through the client's, never the side one.
    await expect(client.TRACE("/things", perCall)).rejects.toThrow(TypeError);
    expect(sideFetches).toEqual([]);
    expect(requests.map((r) => `${r.method} ${r.url}`)).toEqual(
      ["GET", "PUT", "POST", "DELETE", "OPTIONS", "HEAD", "PATCH", "GET"].map(
        (method) => `${method} https://api.example.test/v1/things`,
      ),
    );
  });

  it("a path parameter of '.' or '..' is refused; other values stay one segment", async () => {
    const { client, requests } = clientWith();
    for (const id of [".", ".."]) {
      const refused = await client
        .GET("/things/{id}", { params: { path: { id } } })
        .catch((e: unknown) => e);
      expect(refused).toBeInstanceOf(InvalidInputError);
      expect((refused as InvalidInputError).field).toBe("params.path.id");
    }
    await client.GET("/things/{id}", { params: { path: { id: "a/../b" } } });
    await client.GET("/things/{id}", { params: { path: { id: "..." } } });
    expect(requests.map((r) => r.url)).toEqual([
      "https://api.example.test/v1/things/a%2F..%2Fb",
      "https://api.example.test/v1/things/...",
    ]);
  });

  it("refuses redirects, and redacts its token from what fetch threw", async () => {
    const seen: RequestRedirect[] = [];
    const client: AnyClient = createAuthedClient(
      {
        token: TOKEN,
        fetch: async (request: Request) => {
          seen.push(request.redirect);
          throw new Error(`proxy refused Token ${TOKEN}`);
        },
      },
      profile,
    );
    const error = await client.GET("/things").catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConnectionError);
    expect((error as Error).message).toContain("proxy refused Token [REDACTED]");
    expect(seen).toEqual(["manual"]);
  });

  it("secretsOf: the client's token; an object that is no client: none", () => {
    const { client } = clientWith();
    expect(secretsOf(client)).toEqual([TOKEN]);
    expect(secretsOf({})).toEqual([]);
  });
});
