// Bodies that break the spec, sent on purpose past the types: Prism answers 422 and
// its violations reach the caller, naming each field.
import { describe, expect, it } from "vitest";
import { prismViolations } from "../src/index.js";
import { BULK_UPDATE, prolific, rewards, SET_UP } from "./helpers.js";

describe("invalid bodies", () => {
  it("bulk update with an empty id list and an unknown state", async () => {
    const body = { reward: { reward_ids: [], state: "lost" } } as any;
    const { data, error, response } = await rewards().PATCH(BULK_UPDATE, { body });
    expect(response.status).toBe(422);
    expect(data).toBeUndefined();
    expect(error).toEqual({ errors: { state: ["is not included in the list"] } });
    const violations = prismViolations(response);
    expect(violations.map((v) => [v.location.join("."), v.code]).sort()).toEqual([
      ["request.body.reward.reward_ids", "minItems"],
      ["request.body.reward.state", "enum"],
    ]);
  });

  it("bulk update with a string id", async () => {
    const body = { reward: { reward_ids: ["499"], state: "paid" } } as any;
    const { response } = await rewards().PATCH(BULK_UPDATE, { body });
    expect(response.status).toBe(422);
    expect(prismViolations(response)).toEqual([
      expect.objectContaining({
        location: ["request", "body", "reward", "reward_ids", "0"],
        code: "type",
      }),
    ]);
  });

  it("set up bonus payments with a zero amount and no study id", async () => {
    const body = { csv_bonuses: "p1,0" } as any;
    const { error, response } = await prolific().POST(SET_UP, { body });
    expect(response.status).toBe(422);
    expect(error).toMatchObject({ error: { status: 422 } });
    const fields = prismViolations(response).map((v) => `${v.location.join(".")}:${v.code}`);
    expect(fields.sort()).toEqual(["request.body.csv_bonuses:pattern", "request.body:required"]);
  });
});
