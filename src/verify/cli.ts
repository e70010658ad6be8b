#!/usr/bin/env node
// payouts-verify-provider: checks a live provider against the spec through Prism's proxy.
import { parseArgs } from "node:util";
import { APIS, type ApiName } from "../mock/start-mocks.js";
import { formatReport, verifyProvider } from "./verify-provider.js";

const TOKEN_ENV: Record<ApiName, string> = { prolific: "PROLIFIC_TOKEN", rewards: "REWARDS_TOKEN" };
const HELP = `Usage: npm run verify:provider -- --api prolific|rewards --upstream URL [options]

The token comes from PROLIFIC_TOKEN or REWARDS_TOKEN (never a flag: flags end up in
shell history). Exit code: 0 the provider matches the spec, 1 it drifts or a scenario
could not be checked (ERROR), 2 usage.

  --include-pay        also call Prolific's pay (MOVES MONEY); needs --pay-id
  --pay-id <id>        the bulk bonus payment to pay
  --reward-ids 1,2     DRVN reward ids to update (default: the spec example's)
  --json               print the report as JSON`;

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      api: { type: "string" },
      upstream: { type: "string" },
      "include-pay": { type: "boolean", default: false },
      "pay-id": { type: "string" },
      "reward-ids": { type: "string" },
      json: { type: "boolean", default: false },
      help: { type: "boolean", short: "h", default: false },
    },
  });
  const api = values.api as ApiName;
  if (values.help) {
    console.log(HELP);
    return 0;
  }
  const usage = usageError(values);
  if (usage) {
    console.error(`verify:provider: ${usage}\n\n${HELP}`);
    return 2;
  }
  const token = process.env[TOKEN_ENV[api]];
  if (!token) {
    console.error(`Set ${TOKEN_ENV[api]} to the provider's token.`);
    return 2;
  }
  const report = await verifyProvider({
    api,
    upstream: values.upstream as string,
    token,
    includePay: values["include-pay"],
    payId: values["pay-id"],
    rewardIds: values["reward-ids"]?.split(",").map(Number),
  });
  console.log(values.json ? JSON.stringify(report, null, 2) : formatReport(report));
  return report.pass ? 0 : 1;
}

/** What is wrong with the flags, in one line; undefined when nothing is. */
function usageError(values: {
  api?: string;
  upstream?: string;
  "include-pay"?: boolean;
  "pay-id"?: string;
  "reward-ids"?: string;
}): string | undefined {
  if (!APIS.includes(values.api as ApiName)) return `--api must be ${APIS.join(" or ")}`;
  if (!values.upstream) return "--upstream URL is required";
  if (values["include-pay"] && !values["pay-id"]) return "--include-pay needs --pay-id <id>";
  if (values["pay-id"] && !values["include-pay"])
    return "--pay-id pays: it needs --include-pay as well";
  const ids = values["reward-ids"];
  const whole = (id: string) => /^[1-9]\d*$/.test(id) && Number.isSafeInteger(Number(id));
  if (ids !== undefined && !ids.split(",").every(whole))
    return "--reward-ids takes positive whole numbers separated by commas, e.g. 1,2";
  return undefined;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(`verify:provider: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(2);
  },
);
