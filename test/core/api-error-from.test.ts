// apiErrorFrom: the typed error for an error response, with what the server sent
// (status text, request id, Retry-After, Location, Prism's violations, body) redacted,
// kept short, and summarised in the message.
import { describe, expect, it } from "vitest";
import {
  ApiError,
  apiErrorFrom,
  BadRequestError,
  ForbiddenError,
  NotFoundError,
  RateLimitError,
  RedirectError,
  ServerError,
  UnauthorizedError,
  ValidationError,
} from "../../src/core/errors/api-error.js";

const TOKEN = "tok-abcdef123456";
const where = "POST /api/v1/bulk-bonus-payments/";

const answer = (status: number, headers: Record<string, string> = {}, statusText = "") =>
  new Response(null, { status, statusText, headers });

describe("apiErrorFrom: one class per status", () => {
  it.each([
    [300, RedirectError, "RedirectError"],
    [399, RedirectError, "RedirectError"],
    [400, BadRequestError, "BadRequestError"],
    [401, UnauthorizedError, "UnauthorizedError"],
    [403, ForbiddenError, "ForbiddenError"],
    [404, NotFoundError, "NotFoundError"],
    [422, ValidationError, "ValidationError"],
    [429, RateLimitError, "RateLimitError"],
    [418, ApiError, "ApiError"],
    [499, ApiError, "ApiError"],
    [500, ServerError, "ServerError"],
    [599, ServerError, "ServerError"],
  ] as const)("%i is a %O", (status, errorClass, name) => {
    const error = apiErrorFrom(answer(status), where, undefined, []);
    expect(error.constructor).toBe(errorClass);
    expect(error.name).toBe(name);
    expect(error.status).toBe(status);
  });

  it("a success status handed in by mistake is a plain ApiError, not a redirect", () => {
    expect(apiErrorFrom(answer(299), where, undefined, []).constructor).toBe(ApiError);
  });
});

describe("apiErrorFrom: what the message says", () => {
  it("status, reason phrase, where, and a summary of the body", () => {
    const error = apiErrorFrom(answer(400, {}, "Bad Request"), where, { detail: "no" }, []);
    expect(error.message).toBe(`400 Bad Request from ${where}: {"detail":"no"}`);
  });

  it("'Error' when the server sent no reason phrase; '(empty body)' for no body or an empty one", () => {
    expect(apiErrorFrom(answer(404), where, undefined, []).message).toBe(
      `404 Error from ${where} (empty body)`,
    );
    expect(apiErrorFrom(answer(404), where, "", []).message).toBe(
      `404 Error from ${where} (empty body)`,
    );
  });

  it("a text body flattened to one line, cut at 300 characters with an ellipsis", () => {
    const flat = apiErrorFrom(answer(502), where, "  bad\n\tgateway   here \n", []);
    expect(flat.message).toBe(`502 Error from ${where}: bad gateway here`);
    const exact = apiErrorFrom(answer(500), where, "x".repeat(300), []);
    expect(exact.message).toBe(`500 Error from ${where}: ${"x".repeat(300)}`);
    const long = apiErrorFrom(answer(500), where, `${"y".repeat(300)}zzz`, []);
    expect(long.message).toBe(`500 Error from ${where}: ${"y".repeat(300)}…`);
  });

  it("a redirect says it was not followed, and where it pointed", () => {
    const to = apiErrorFrom(
      answer(302, { location: "https://elsewhere.example/x" }),
      where,
      "",
      [],
    );
    expect(to.message).toBe(
      `302 Error from ${where} (empty body); redirect to https://elsewhere.example/x not followed`,
    );
    expect((to as RedirectError).location).toBe("https://elsewhere.example/x");
    const nowhere = apiErrorFrom(answer(307), where, "", []);
    expect(nowhere.message).toBe(`307 Error from ${where} (empty body); redirect not followed`);
    expect((nowhere as RedirectError).location).toBeUndefined();
  });
});

describe("apiErrorFrom: the fields it carries", () => {
  it("request id (x-request-id, else request-id), Retry-After in ms, body, violations", () => {
    const violations = [
      { location: ["request", "body"], severity: "Error", code: "required", message: "m" },
    ];
    const error = apiErrorFrom(
      answer(429, {
        "x-request-id": "req-1",
        "request-id": "req-2",
        "retry-after": "3",
        "sl-violations": JSON.stringify(violations),
      }),
      where,
      { detail: "slow down" },
      [],
    );
    expect(error.toJSON()).toStrictEqual({
      name: "RateLimitError",
      message: `429 Error from ${where}: {"detail":"slow down"}`,
      status: 429,
      requestId: "req-1",
      retryAfterMs: 3000,
      body: { detail: "slow down" },
      violations,
    });
    expect(apiErrorFrom(answer(500, { "request-id": "req-2" }), where, "", []).requestId).toBe(
      "req-2",
    );
    expect(apiErrorFrom(answer(500), where, "", []).requestId).toBeUndefined();
  });

  it("a redirect's JSON holds its location besides the other fields", () => {
    const error = apiErrorFrom(answer(301, { location: "/moved" }), where, undefined, []);
    expect(error.toJSON()).toMatchObject({
      name: "RedirectError",
      status: 301,
      location: "/moved",
    });
    expect(Object.keys(error.toJSON())).toContain("location");
  });

  it("everything the server sent is redacted, and header values are cut at 200 characters", () => {
    const error = apiErrorFrom(
      answer(
        302,
        {
          "x-request-id": `id-${TOKEN}-${"r".repeat(300)}`,
          location: `https://evil.example/?t=${TOKEN}`,
          "sl-violations": JSON.stringify([
            { location: [], severity: "Error", code: 1, message: TOKEN },
          ]),
        },
        `Found ${TOKEN}`,
      ),
      where,
      { echoed: TOKEN },
      [TOKEN],
    ) as RedirectError;
    expect(JSON.stringify(error.toJSON())).not.toContain(TOKEN);
    expect(error.message).not.toContain(TOKEN);
    expect(error.message.startsWith("302 Found [REDACTED] from")).toBe(true);
    expect(error.requestId).toBe(`id-[REDACTED]-${"r".repeat(300)}`.slice(0, 200));
    expect(error.location).toBe("https://evil.example/?t=[REDACTED]");
    expect(error.body).toEqual({ echoed: "[REDACTED]" });
    expect(error.violations[0]?.message).toBe("[REDACTED]");
    const longReason = apiErrorFrom(answer(500, {}, "R".repeat(250)), where, "", []);
    expect(longReason.message).toBe(`500 ${"R".repeat(200)} from ${where} (empty body)`);
  });
});
