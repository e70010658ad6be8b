// Another team's CommonJS program: require()s the installed ES module package (Node
// >= 20.19 loads ES modules from require) and uses the helpers against the mocks.
"use strict";
const { createRewardsClient, listRewards, PagingError, signIn } = require("payouts-api");
const { startMocks } = require("payouts-api/mock");

async function main() {
  const [, , , rewardsUrl] = process.argv; // node, script, prolific URL, rewards URL
  const session = await signIn({
    baseUrl: rewardsUrl,
    login: "finance@example.org",
    password: "example-password",
  });
  const rewards = createRewardsClient({ token: session.token, baseUrl: rewardsUrl });
  const ids = [];
  for await (const reward of listRewards(rewards, { kind: "referral" })) ids.push(reward.id);
  console.log(
    JSON.stringify({
      node: process.versions.node,
      expiresAt: session.expiresAt.toISOString(),
      ids,
      pagingError: typeof PagingError,
      startMocks: typeof startMocks,
    }),
  );
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
