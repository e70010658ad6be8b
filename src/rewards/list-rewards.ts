import type { Reward, RewardKind } from "../../generated/rewards.js";
import { listRewardsQuery } from "../../generated/rewards.validators.js";
import { secretsOf } from "../core/create-client.js";
import { checkSignal, readFields, readOptions } from "../core/input.js";
import { checkMaxPages, eachItemOnce, type Page } from "../core/paginate.js";
import { readOnce } from "../core/read-once.js";
import { pagination } from "../core/response-info.js";
import { checkBody, type SchemaValidator } from "../core/validate.js";
import type { RewardsClient } from "./client.js";

export interface ListRewardsInput {
  /** `by_kind`, required: "referral" or "hourly". */
  kind: RewardKind;
  /** `by_name`: narrows by a person's name. */
  name?: string;
  /** `from_date`, an ISO date ("2025-11-01"). */
  from?: string;
  /** `to_date`, an ISO date. */
  to?: string;
}

export interface ListRewardsOptions {
  /** Page size sent as `per_page`. Default: not sent (the server's, 20 in the vendor's capture). */
  perPage?: number;
  /** Pages read at most before a PagingError. Default 1000. */
  maxPages?: number;
  signal?: AbortSignal;
}

const REWARDS = "/api/v1/finance/rewards";
const WHERE = `GET ${REWARDS}`;
const FIELDS = {
  "/by_kind": "kind",
  "/by_name": "name",
  "/from_date": "from",
  "/to_date": "to",
  "/per_page": "options.perPage",
};

/**
 * Every reward matching `input`, page after page (`page` = 1, 2, … and `per_page`;
 * paging as the api-pagination gem does it, an assumption), each reward once. Stops
 * once `total` rewards were listed. A server that repeats a page, or serves an empty
 * page before `total`, ends the loop with a PagingError, never an endless loop.
 * Input is checked at once (InvalidInputError), before anything is sent; a failed page
 * throws its typed error from the loop. Pages are not retried (reads are safe to retry
 * from the caller's side).
 */
export function listRewards(
  client: RewardsClient,
  input: ListRewardsInput,
  options: ListRewardsOptions = {},
): AsyncIterable<Reward> {
  const { kind, name, from, to } = readFields(input, "input", [
    "kind",
    "name",
    "from",
    "to",
  ] as const);
  const given = readOptions(options, ["perPage", "maxPages", "signal"] as const);
  const query = {
    by_kind: kind,
    ...(name === undefined ? {} : { by_name: name }),
    ...(from === undefined ? {} : { from_date: from }),
    ...(to === undefined ? {} : { to_date: to }),
    ...(given.perPage === undefined ? {} : { per_page: given.perPage }),
  };
  checkBody(listRewardsQuery as unknown as SchemaValidator, query, FIELDS);
  const maxPages = checkMaxPages(given.maxPages);
  const signal = checkSignal(given.signal);
  const secrets = secretsOf(client);

  const readPage = async (index: number): Promise<Page<Reward>> => {
    const params = { query: { ...(query as { by_kind: RewardKind }), page: index + 1 } };
    const { body, response } = await readOnce(
      (init) => client.GET(REWARDS, { params, ...init }),
      WHERE,
      secrets,
      signal,
      isRewardList,
    );
    const { perPage, total } = pagination(response);
    const last = total === undefined && perPage !== undefined && body.rewards.length < perPage;
    return { items: body.rewards, total, last };
  };
  return { [Symbol.asyncIterator]: () => eachItemOnce(readPage, WHERE, maxPages) };
}

// Every reward needs its id: the loop lists each id once, and markRewards takes them.
function isRewardList(body: unknown): body is { rewards: Reward[] } {
  const rewards = (body as { rewards?: unknown } | null)?.rewards;
  return Array.isArray(rewards) && rewards.every((r) => Number.isSafeInteger(r?.id));
}
