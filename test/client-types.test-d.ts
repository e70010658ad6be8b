// Compile-time contract: wrong calls must not compile, right ones must.
import { describe, expectTypeOf, it } from "vitest";
import {
  createProlificClient,
  createRewardsClient,
  type Reward,
  type RewardState,
} from "../src/index.js";

const prolific = createProlificClient({ token: "t" });
const rewards = createRewardsClient({ token: "t", baseUrl: "https://x.test" });

describe("client types", () => {
  it("accepts correct calls", () => {
    void prolific.POST("/api/v1/bulk-bonus-payments/{id}/pay/", { params: { path: { id: "a" } } });
    void prolific.POST("/api/v1/submissions/bonus-payments/", {
      body: { study_id: "s", csv_bonuses: "p,1.00" },
    });
    void rewards.PATCH("/api/v1/finance/rewards/bulk_update", {
      body: { reward: { reward_ids: [499, 504], state: "paid", passcode: 1234 } },
    });
    expectTypeOf<RewardState>().toEqualTypeOf<"paid" | "pending">();
    expectTypeOf<Reward["bonus"]>().toEqualTypeOf<string>();
    expectTypeOf<Reward["referee"]["financial_company_id"]>().toEqualTypeOf<number | null>();
  });

  it("refuses a wrong path", () => {
    // @ts-expect-error the path has no trailing slash, so it is not in the spec
    void prolific.POST("/api/v1/bulk-bonus-payments/{id}/pay", { params: { path: { id: "a" } } });
    // @ts-expect-error PATCH is not the pay method
    void prolific.PATCH("/api/v1/bulk-bonus-payments/{id}/pay/", { params: { path: { id: "a" } } });
  });

  it("refuses a wrong state value", () => {
    void rewards.PATCH("/api/v1/finance/rewards/bulk_update", {
      // @ts-expect-error "lost" is not a RewardState
      body: { reward: { reward_ids: [499], state: "lost" } },
    });
  });

  it("refuses a missing path id", () => {
    // @ts-expect-error params.path.id is required
    void prolific.POST("/api/v1/bulk-bonus-payments/{id}/pay/", { params: { path: {} } });
    // @ts-expect-error the init object with params is required
    void prolific.POST("/api/v1/bulk-bonus-payments/{id}/pay/");
  });

  it("refuses a missing reward_ids and string ids", () => {
    void rewards.PATCH("/api/v1/finance/rewards/bulk_update", {
      // @ts-expect-error reward_ids is required
      body: { reward: { state: "paid" } },
    });
    void rewards.PATCH("/api/v1/finance/rewards/bulk_update", {
      // @ts-expect-error ids are numbers
      body: { reward: { reward_ids: ["499"], state: "paid" } },
    });
  });

  it("requires a baseUrl for DRVN", () => {
    // @ts-expect-error DRVN has no public host, so baseUrl is required
    createRewardsClient({ token: "t" });
  });
});
