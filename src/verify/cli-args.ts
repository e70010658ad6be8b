// Reads verify:provider's command line. Nothing that changes real data runs by default:
// DRVN's update needs the ids to update (--reward-ids), Prolific's pay needs
// --include-pay and the id to pay (--pay-id). Ill-formed values are a usage error, never
// a guess (`1,x` must not become `[1, null]` on the wire).
import { parseArgs } from "node:util";
import { bulkUpdateRewardStateBody } from "../../generated/rewards.validators.js";
import type { SchemaValidator } from "../core/validate.js";
import { APIS, type ApiName } from "../mock/start-mocks.js";

export const TOKEN_ENV: Record<ApiName, string> = {
  prolific: "PROLIFIC_TOKEN",
  rewards: "REWARDS_TOKEN",
};

export interface VerifyCliOptions {
  api: ApiName;
  upstream: string;
  token: string;
  includePay: boolean;
  payId?: string;
  rewardIds?: number[];
  /** Generated requests per operation (0: the named scenarios only). */
  fuzz: number;
  seed?: number;
  json: boolean;
}

export type ParsedArgs = { help: true } | { usage: string } | { options: VerifyCliOptions };

/** One line saying what is wrong; the caller prints it with a pointer to --help. */
export function parseVerifyArgs(argv: string[], env: NodeJS.ProcessEnv): ParsedArgs {
  let values: ReturnType<typeof parse>["values"];
  try {
    values = parse(argv).values;
  } catch (error) {
    return { usage: error instanceof Error ? error.message : String(error) };
  }
  if (values.help) return { help: true };
  const api = values.api as ApiName | undefined;
  if (!api || !APIS.includes(api)) return { usage: "--api must be prolific or rewards" };
  if (!values.upstream) return { usage: "--upstream URL is required" };
  const token = env[TOKEN_ENV[api]];
  if (!token) return { usage: `set ${TOKEN_ENV[api]} to the provider's token` };

  const payId = values["pay-id"];
  if (values["include-pay"] && payId === undefined)
    return { usage: "--include-pay needs --pay-id ID (the bulk bonus payment to pay)" };
  if (payId !== undefined && !values["include-pay"])
    return { usage: "--pay-id is only used with --include-pay" };
  if (payId !== undefined && !isPathSegment(payId))
    return { usage: "--pay-id must be one id: no whitespace, control characters or slashes" };
  if (api === "prolific" && values["reward-ids"] !== undefined)
    return { usage: "--reward-ids is for --api rewards" };
  if (api === "rewards" && (values["include-pay"] || payId !== undefined))
    return { usage: "--include-pay and --pay-id are for --api prolific" };

  let rewardIds: number[] | undefined;
  if (api === "rewards") {
    if (values["reward-ids"] === undefined)
      return {
        usage: "--reward-ids 1,2 is required: the check marks these rewards (choose staging ones)",
      };
    const parsed = parseRewardIds(values["reward-ids"]);
    if (typeof parsed === "string") return { usage: parsed };
    rewardIds = parsed;
  }

  const fuzz = values.fuzz === undefined ? 0 : wholeNumber(values.fuzz);
  if (fuzz === undefined || (values.fuzz !== undefined && (fuzz < 1 || fuzz > 100_000)))
    return { usage: "--fuzz must be a whole number of requests, 1..100000" };
  const seed = values.seed === undefined ? undefined : wholeNumber(values.seed);
  if (values.seed !== undefined && (seed === undefined || seed > 2 ** 31 - 1))
    return { usage: "--seed must be a whole number 0..2147483647" };
  if (seed !== undefined && values.fuzz === undefined)
    return { usage: "--seed is only used with --fuzz" };

  return {
    options: {
      api,
      upstream: values.upstream,
      token,
      includePay: values["include-pay"] ?? false,
      payId,
      rewardIds,
      fuzz,
      seed,
      json: values.json ?? false,
    },
  };
}

function parse(argv: string[]) {
  return parseArgs({
    args: argv,
    strict: true,
    options: {
      api: { type: "string" },
      upstream: { type: "string" },
      "include-pay": { type: "boolean" },
      "pay-id": { type: "string" },
      "reward-ids": { type: "string" },
      fuzz: { type: "string" },
      seed: { type: "string" },
      json: { type: "boolean" },
      help: { type: "boolean", short: "h" },
    },
  });
}

const wholeNumber = (text: string): number | undefined =>
  /^[0-9]{1,9}$/.test(text) ? Number(text) : undefined;

// Visible ASCII or any non-ASCII letter, never a slash, space, control character or dot segment.
const isPathSegment = (id: string) =>
  /^[^\s/]+$/.test(id) && !/[\p{Cc}]/u.test(id) && !/^\.\.?$/.test(id);

/** "1,2" → [1, 2]; anything else that the spec's reward_ids would refuse → a message. */
function parseRewardIds(text: string): number[] | string {
  const parts = text.split(",");
  if (!parts.every((part) => /^[0-9]{1,16}$/.test(part)))
    return "--reward-ids must be ids separated by commas, e.g. 499,504 (no spaces)";
  const ids = parts.map(Number);
  if (new Set(ids).size !== ids.length) return "--reward-ids names an id twice";
  // The spec's own rule for reward_ids (range, count), through the generated validator.
  const validate: SchemaValidator = bulkUpdateRewardStateBody;
  if (!validate({ reward: { reward_ids: ids, state: "paid" } })) {
    const [first] = validate.errors ?? [];
    return `--reward-ids ${first?.message ?? "breaks the spec"} (${first?.instancePath})`;
  }
  return ids;
}
