// The named scenarios verify:provider runs, one per operation: the spec's own request
// example, with the answer each one expects. What moves money or changes data is
// skipped unless the caller named what to act on.
import { readFileSync } from "node:fs";
import { parse } from "yaml";
import type { BonusPaymentsSetup } from "../../generated/prolific.js";
import type { RewardStateUpdate } from "../../generated/rewards.js";
import { type ApiName, specFile } from "../mock/start-mocks.js";
import { createProlificClient } from "../prolific/client.js";
import { createRewardsClient } from "../rewards/client.js";

export type Scenario = {
  operation: string;
  /** Statuses that count as the scenario's answer; any other is never a pass. */
  expect?: number[];
  skip?: string;
  /** The call, parsed as text (`data` on success, `error` otherwise). */
  run?: () => Promise<{ response: Response; data?: unknown; error?: unknown }>;
};

export interface ScenarioOptions {
  token: string;
  includePay?: boolean;
  payId?: string;
  rewardIds?: number[];
}

export function scenarios(api: ApiName, baseUrl: string, options: ScenarioOptions): Scenario[] {
  return api === "prolific"
    ? prolificScenarios(baseUrl, options)
    : rewardsScenarios(baseUrl, options);
}

/**
 * The first named request example of an operation in our own spec (yaml is a
 * devDependency: this runs from the repository, it is not exported by the package).
 */
function requestExample<T>(api: ApiName, path: string, method: string): T {
  const spec = parse(readFileSync(specFile(api), "utf8"));
  const examples = spec.paths[path][method].requestBody.content["application/json"].examples;
  return (Object.values(examples)[0] as { value: T }).value;
}

function prolificScenarios(baseUrl: string, options: ScenarioOptions): Scenario[] {
  const client = createProlificClient({ token: options.token, baseUrl });
  const setUp = "/api/v1/submissions/bonus-payments/";
  const body = requestExample<BonusPaymentsSetup>("prolific", setUp, "post");
  return [
    {
      operation: "set-up-bonus-payments",
      expect: [201],
      run: () => client.POST(setUp, { body, parseAs: "text" }),
    },
    payScenario(client, options),
  ];
}

function payScenario(
  client: ReturnType<typeof createProlificClient>,
  options: ScenarioOptions,
): Scenario {
  const operation = "pay-bonus-payments";
  const id = options.payId;
  if (!options.includePay)
    return { operation, skip: "moves money; pass --include-pay --pay-id ID to run it" };
  if (!id) return { operation, skip: "--include-pay needs --pay-id ID" };
  const pay = "/api/v1/bulk-bonus-payments/{id}/pay/";
  return {
    operation,
    expect: [202],
    run: () => client.POST(pay, { params: { path: { id } }, parseAs: "text" }),
  };
}

function rewardsScenarios(baseUrl: string, options: ScenarioOptions): Scenario[] {
  const client = createRewardsClient({ token: options.token, baseUrl });
  const path = "/api/v1/finance/rewards/bulk_update";
  const operation = "bulk-update-reward-state";
  if (!options.rewardIds)
    return [{ operation, skip: "changes reward states; pass --reward-ids to choose which" }];
  const body = requestExample<RewardStateUpdate>("rewards", path, "patch");
  body.reward.reward_ids = options.rewardIds;
  return [
    {
      operation,
      expect: [200],
      run: () => client.PATCH(path, { body, parseAs: "text" }),
    },
  ];
}
