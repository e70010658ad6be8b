// `startMocks({ dynamic: true, seed })`: answers generated from the schemas (not the
// examples), valid against them, and the same for the same seed.
import { describe, expect, it } from "vitest";
import { createRewardsClient, type RewardList } from "../src/index.js";
import { startMocks } from "../src/mock/index.js";
import { componentSchema } from "../test/spec-validator.js";
import { BULK_UPDATE } from "./helpers.js";

async function firstAnswer(seed: string): Promise<RewardList | undefined> {
  const mocks = await startMocks({ dynamic: true, seed });
  try {
    const client = createRewardsClient({ token: "dyn.jwt.token", baseUrl: mocks.urls.rewards });
    const { data, response } = await client.PATCH(BULK_UPDATE, {
      body: { reward: { reward_ids: [1], state: "paid" } },
    });
    expect(response.status).toBe(200);
    return data;
  } finally {
    await mocks.stop();
  }
}

describe("dynamic mode", () => {
  it("gives schema-valid data, the same for the same seed", async () => {
    const [a, b] = await Promise.all([firstAnswer("team-a"), firstAnswer("team-a")]);
    const validList = componentSchema("rewards", "RewardList");
    expect(validList(a), JSON.stringify(validList.errors)).toBe(true);
    expect(a?.rewards[0]?.bonus).not.toBe("10.0");
    expect(b).toEqual(a);
  }, 60_000);
});
