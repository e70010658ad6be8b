import { readFileSync } from "node:fs";
import { describe, expect, expectTypeOf, it } from "vitest";
import { type BulkBonusPayment, pagination, type Reward } from "../src/index.js";
import {
  BULK_UPDATE,
  PAY,
  prolific,
  prolificSpec,
  responseExamples,
  rewards,
  rewardsSpec,
  SEEDED_PAYMENT_ID,
  SET_UP,
} from "./helpers.js";

const fixture = (name: string) =>
  JSON.parse(readFileSync(new URL(`../test/fixtures/${name}`, import.meta.url), "utf8"));

describe("happy paths against prism mock", () => {
  it("pay bonuses: 202 with the vendor's message (the mock's seeded bulk payment)", async () => {
    const { data, error, response } = await prolific().POST(PAY, {
      params: { path: { id: SEEDED_PAYMENT_ID } },
    });
    expect(error).toBeUndefined();
    expect(response.status).toBe(202);
    expect(data).toBe(responseExamples(prolificSpec, PAY, "post", "202").processing);
    expectTypeOf(data).toEqualTypeOf<string | undefined>();
  });

  it("set up bonus payments: 201 with the example's minor-unit amounts", async () => {
    const { data, error, response } = await prolific().POST(SET_UP, {
      body: { study_id: "620ca2735fcbba4fa2b3211a", csv_bonuses: "p1,4.25\np2,4.25" },
    });
    expect(error).toBeUndefined();
    expect(response.status).toBe(201);
    // A set-up creates a new bulk payment: its own id, the example's amounts.
    const example = responseExamples(prolificSpec, SET_UP, "post", "201")["set-up"] as object;
    expect(data).toEqual({ ...example, id: expect.stringMatching(/^[0-9a-f]{24}$/) });
    expect(data?.total_amount).toBe(1133.34);
    expectTypeOf(data).toEqualTypeOf<BulkBonusPayment | undefined>();
  });

  it("bulk update: 200 with the seed's body, and per-page/total as numbers", async () => {
    const { data, error, response } = await rewards().PATCH(BULK_UPDATE, {
      body: fixture("seed-004-request.json"),
    });
    expect(error).toBeUndefined();
    expect(response.status).toBe(200);
    expect(data).toEqual(fixture("seed-004-response.json"));
    expect(data).toEqual(
      responseExamples(rewardsSpec, BULK_UPDATE, "patch", "200")["seed-five-paid"],
    );
    expect(pagination(response)).toEqual({ perPage: 20, total: 5 });
    expect(typeof data?.rewards[0]?.bonus).toBe("string");
    expectTypeOf(data?.rewards).toEqualTypeOf<Reward[] | undefined>();
  });
});
