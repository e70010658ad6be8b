// Every documented error status of every operation can be asked of the mock with
// `Prefer: code=…` and comes back as an error value equal to the spec's example.
import { describe, expect, it } from "vitest";
import {
  BULK_UPDATE,
  errorStatuses,
  PAY,
  prolific,
  prolificSpec,
  responseExamples,
  rewards,
  rewardsSpec,
  SEEDED_PAYMENT_ID,
  SET_UP,
} from "./helpers.js";

const call = {
  [PAY]: (headers: Record<string, string>) =>
    prolific().POST(PAY, { params: { path: { id: SEEDED_PAYMENT_ID } }, headers }),
  [SET_UP]: (headers: Record<string, string>) =>
    prolific().POST(SET_UP, { body: { study_id: "s1", csv_bonuses: "p1,1.50" }, headers }),
  [BULK_UPDATE]: (headers: Record<string, string>) =>
    rewards().PATCH(BULK_UPDATE, {
      body: { reward: { reward_ids: [499], state: "paid" } },
      headers,
    }),
};

const cases = [
  ...errorStatuses(prolificSpec, PAY, "post").map((s) => [PAY, "post", s, prolificSpec] as const),
  ...errorStatuses(prolificSpec, SET_UP, "post").map(
    (s) => [SET_UP, "post", s, prolificSpec] as const,
  ),
  ...errorStatuses(rewardsSpec, BULK_UPDATE, "patch").map(
    (s) => [BULK_UPDATE, "patch", s, rewardsSpec] as const,
  ),
];

describe("documented errors on request", () => {
  it("covers every documented error status (4 + 5 + 2)", () => {
    expect(cases.map(([path, , status]) => `${path} ${status}`)).toHaveLength(11);
  });

  it.each(cases)("%s %s → %s", async (path, method, status, spec) => {
    const examples = responseExamples(spec, path, method, status);
    for (const [name, example] of Object.entries(examples)) {
      const { data, error, response } = await call[path]({
        Prefer: `code=${status}, example=${name}`,
      });
      expect(response.status).toBe(Number(status));
      expect(response.ok).toBe(false);
      expect(data).toBeUndefined();
      expect(error).toEqual(example);
    }
  });

  it("a named success example can be chosen too (the older 202 wording)", async () => {
    const { data, response } = await call[PAY]({ Prefer: "example=legacy" });
    expect(response.status).toBe(202);
    expect(data).toBe("Successfully processed bonus payments.");
  });
});
