// SourcedRequest on its own: the Request the typed client builds, remembering what it was
// made from (the body's string, the caller's signal, the call context) for the transport,
// and nothing for a Request it did not build.
import { describe, expect, it } from "vitest";
import { CALL_CONTEXT, originOf, SourcedRequest } from "../../src/core/sourced-request.js";

const URL_ = "http://127.0.0.1:1/api/v1/bulk-bonus-payments/";

describe("SourcedRequest", () => {
  it("remembers the body string, the caller's signal and the call context it was given", async () => {
    const signal = new AbortController().signal;
    const context = { onResponse: () => {} };
    const request = new SourcedRequest(URL_, {
      method: "POST",
      body: '{"amount":1}',
      signal,
      [CALL_CONTEXT]: context,
    } as RequestInit);
    expect(originOf(request)).toEqual({ body: '{"amount":1}', signal, context });
    expect(originOf(request)?.context).toBe(context);
    // Still a plain Request with that body.
    expect(await request.text()).toBe('{"amount":1}');
  });

  it("a body that is not a string, no signal, no context: none remembered", () => {
    const request = new SourcedRequest(URL_, {
      method: "POST",
      body: new URLSearchParams({ a: "1" }),
      signal: null,
    });
    expect(originOf(request)).toEqual({ body: undefined, signal: undefined, context: undefined });
    expect(originOf(new SourcedRequest(URL_))).toEqual({
      body: undefined,
      signal: undefined,
      context: undefined,
    });
  });

  it("a call context only from the init's own key, not one it inherits", () => {
    const inherited = Object.create({ [CALL_CONTEXT]: { onResponse: () => {} } }) as RequestInit;
    expect(originOf(new SourcedRequest(URL_, inherited))?.context).toBeUndefined();
  });

  it("a Request it did not build has no origin", () => {
    expect(originOf(new Request(URL_))).toBeUndefined();
  });

  it("any Request counts as one (openapi-fetch checks a middleware's Request so), nothing else", () => {
    expect(new Request(URL_)).toBeInstanceOf(SourcedRequest);
    expect({ url: URL_ }).not.toBeInstanceOf(SourcedRequest);
    expect(new Response("")).not.toBeInstanceOf(SourcedRequest);
  });
});
