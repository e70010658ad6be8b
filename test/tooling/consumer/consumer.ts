// Another team's program: imports both clients from the installed package and calls
// the mocks whose URLs it is given.
import {
  createProlificClient,
  createRewardsClient,
  pagination,
  type RewardState,
} from "payouts-api";

const [prolificUrl, rewardsUrl] = process.argv.slice(2) as [string, string];
const prolific = createProlificClient({ token: "consumer-token", baseUrl: prolificUrl });
const rewards = createRewardsClient({ token: "consumer.jwt.token", baseUrl: rewardsUrl });

const state: RewardState = "paid";
const pay = await prolific.POST("/api/v1/bulk-bonus-payments/{id}/pay/", {
  params: { path: { id: "8f14e45f-ceea-4d3a-9f2b-1a2b3c4d5e6f" } },
});
const update = await rewards.PATCH("/api/v1/finance/rewards/bulk_update", {
  body: { reward: { reward_ids: [499, 504, 509, 514, 519], state, passcode: 1234 } },
});
// @ts-expect-error the installed types must refuse an unknown state
const wrong: RewardState = "lost";
void wrong;

const bonus: string | undefined = update.data?.rewards[0]?.bonus;
console.log(
  JSON.stringify({
    payStatus: pay.response.status,
    payMessage: pay.data,
    updateStatus: update.response.status,
    bonus,
    ...pagination(update.response),
  }),
);
