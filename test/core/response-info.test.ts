// What core reads from an answer's headers, on its own: Prism's violations, DRVN's paging
// headers, a Link to a next page, and Retry-After.
import { describe, expect, it } from "vitest";
import {
  hasNextPage,
  pagination,
  parseRetryAfter,
  prismViolations,
} from "../../src/core/response-info.js";

const withHeaders = (headers: Record<string, string>) => new Response(null, { headers });

describe("prismViolations", () => {
  it("the violations Prism listed", () => {
    const violations = [
      { location: ["request", "body"], severity: "Error", code: "required", message: "x" },
    ];
    expect(prismViolations(withHeaders({ "sl-violations": JSON.stringify(violations) }))).toEqual(
      violations,
    );
  });

  it.each([
    ["no header", {}],
    ["an empty header", { "sl-violations": "" }],
    ["a header that is not JSON", { "sl-violations": "[{oops" }],
    ["JSON that is not a list", { "sl-violations": '{"code":"required"}' }],
  ])("%s: none", (_what, headers: Record<string, string>) => {
    expect(prismViolations(withHeaders(headers))).toEqual([]);
  });
});

describe("pagination", () => {
  it("whole numbers, spaces around them allowed", () => {
    expect(pagination(withHeaders({ "per-page": " 20 ", total: "5" }))).toEqual({
      perPage: 20,
      total: 5,
    });
  });

  it("no paging headers: neither number", () => {
    expect(pagination(withHeaders({}))).toEqual({ perPage: undefined, total: undefined });
  });

  it.each(["", "x20", "20x", "2.5", "-1", "1e3"])("%j is not a whole number", (value) => {
    expect(pagination(withHeaders({ "per-page": value, total: value }))).toEqual({
      perPage: undefined,
      total: undefined,
    });
  });
});

describe("hasNextPage", () => {
  it.each([
    '<https://x/rewards?page=2>; rel="next"',
    "<https://x/rewards?page=2>; rel=next",
    '<https://x/rewards?page=1>; rel="prev", <https://x/rewards?page=3>; rel="next"',
    '<https://x/rewards?page=2>; rel="last next"',
    '<https://x/rewards?page=2>; REL = "Next"; title="n"',
  ])("%s: a next page", (link) => {
    expect(hasNextPage(withHeaders({ link }))).toBe(true);
  });

  it.each([
    "",
    '<https://x/rewards?page=1>; rel="prev"',
    '<https://x/rewards?page=9>; rel="nextpage"',
    '<https://x/next>; rel="last"',
  ])("%j: no next page", (link) => {
    expect(hasNextPage(withHeaders({ link }))).toBe(false);
  });

  it("no Link header: no next page", () => {
    expect(hasNextPage(withHeaders({}))).toBe(false);
  });
});

describe("parseRetryAfter", () => {
  const now = Date.parse("2025-11-10T12:00:00Z");

  it("delta-seconds, as milliseconds", () => {
    expect(parseRetryAfter(" 3 ", now)).toBe(3_000);
    expect(parseRetryAfter("0", now)).toBe(0);
    expect(parseRetryAfter("30", now)).toBe(30_000);
  });

  it("an HTTP-date, as the milliseconds from now to it; a past date as 0", () => {
    expect(parseRetryAfter("Mon, 10 Nov 2025 12:00:05 GMT", now)).toBe(5_000);
    expect(parseRetryAfter("Mon, 10 Nov 2025 11:00:00 GMT", now)).toBe(0);
  });

  it("no header, or neither form: undefined", () => {
    expect(parseRetryAfter(null, now)).toBeUndefined();
    expect(parseRetryAfter("soon", now)).toBeUndefined();
    expect(parseRetryAfter("x5", now)).toBeUndefined();
    expect(parseRetryAfter("5x", now)).toBeUndefined();
  });
});
