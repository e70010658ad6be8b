// A request that reaches Prism without credentials fails Prism's security check: 401,
// returned as an error value (not thrown), with the spec's 401 body.
import { describe, expect, it } from "vitest";
import { prismViolations } from "../src/index.js";
import {
  BULK_UPDATE,
  PAY,
  prolific,
  prolificSpec,
  responseExamples,
  rewards,
  rewardsSpec,
} from "./helpers.js";

/** Stands for a proxy or a bug that drops the Authorization header on the way. */
const dropAuthorization = (request: Request) => {
  const stripped = new Request(request);
  stripped.headers.delete("authorization");
  return globalThis.fetch(stripped);
};

describe("no token", () => {
  it("pay bonuses: 401 error value", async () => {
    const { data, error, response } = await prolific({ fetch: dropAuthorization }).POST(PAY, {
      params: { path: { id: "abc" } },
    });
    expect(response.status).toBe(401);
    expect(data).toBeUndefined();
    expect(error).toEqual(responseExamples(prolificSpec, PAY, "post", "401")["bad-token"]);
    expect(prismViolations(response)).toEqual([
      expect.objectContaining({ code: 401, message: "Invalid security scheme used" }),
    ]);
  });

  it("bulk update: 401 error value with Devise's message", async () => {
    const { data, error, response } = await rewards({ fetch: dropAuthorization }).PATCH(
      BULK_UPDATE,
      { body: { reward: { reward_ids: [1], state: "paid" } } },
    );
    expect(response.status).toBe(401);
    expect(data).toBeUndefined();
    expect(error).toEqual(
      responseExamples(rewardsSpec, BULK_UPDATE, "patch", "401")["not-signed-in"],
    );
  });

  it("a token sent with the wrong scheme is refused by the bearer check", async () => {
    const wrongScheme = (request: Request) => {
      const r = new Request(request);
      r.headers.set("authorization", "Token test.rewards.jwt");
      return globalThis.fetch(r);
    };
    const { error, response } = await rewards({ fetch: wrongScheme }).PATCH(BULK_UPDATE, {
      body: { reward: { reward_ids: [1], state: "paid" } },
    });
    expect(response.status).toBe(401);
    expect(error).toBeDefined();
  });
});
